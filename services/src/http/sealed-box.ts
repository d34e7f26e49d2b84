import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * What the server hands a client to give back unread and unaltered (a page cursor, the session
 * cookie): AES-256-GCM under a key of the deployment, with associated data naming what the box is
 * for, so a box made for one purpose never opens for another. Version byte, IV, ciphertext, tag,
 * as base64url.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const sealBox = (key: Buffer, associatedData: Buffer, plaintext: string): string => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]).toString('base64url');
};

/** The plaintext, or null for anything forged, altered, truncated or sealed for another purpose. */
export const openBox = (key: Buffer, associatedData: Buffer, sealed: string): string | null => {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(associatedData);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return null;
  }
};
