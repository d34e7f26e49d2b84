import { hkdfSync } from 'node:crypto';

/**
 * The key that seals pagination cursors (SECURITY.md row 22): 32 bytes for AES-256, derived from
 * the deployment's secret so the secret itself is never the key. The data layer reads the secret
 * (data/cursor-secret.ts), the request path seals with the key (http/cursor-seal.ts).
 */
export const cursorKeyFrom = (secret: string): Buffer =>
  Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'kikan pagination cursor v1', 32),
  );

/**
 * The key that seals the sign-in session cookie (ADR 0037), from the same deployment secret under
 * another label: one secret to keep, two keys that cannot open each other's boxes.
 */
export const sessionKeyFrom = (secret: string): Buffer =>
  Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'kikan session cookie v1', 32),
  );
