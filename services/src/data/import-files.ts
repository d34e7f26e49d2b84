import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { IMPORT_MAX_BYTES } from '@kikan/shared/import-file';
import { config, type ImportConfig } from '../config.ts';
import { ConfigurationError } from '../config.ts';

/**
 * Where an uploaded import file waits (ADR 0034): a private S3 bucket in AWS, written by the
 * browser through a pre-signed PUT; locally a folder under KIKAN_DATA_DIR written by the local
 * gateway, which checks the same kind of signature. The key names the tenant and the job only:
 * never a file name or anything the file holds.
 */

/** A pre-signed upload lives this long: the portal PUTs the file right after creating the job. */
const UPLOAD_TTL_SECONDS = 15 * 60;

export const LOCAL_UPLOAD_PATH = '/local-uploads/';

export const importObjectKey = (tenantId: string, jobId: string): string => `imports/${tenantId}/${jobId}`;

const importConfig = (): ImportConfig => {
  const imports = config().imports;
  if (!imports) throw new ConfigurationError('imports are not configured');
  return imports;
};

export interface PresignedUpload {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}

const localSignature = (secret: string, key: string, expires: number, size: number) =>
  createHmac('sha256', secret).update(`${key}\n${expires}\n${size}`).digest('base64url');

/** The gateway's check of a local upload URL: the signature, the expiry and the announced size. */
export const verifyLocalUpload = (
  imports: Extract<ImportConfig, { mode: 'local' }>,
  url: URL,
  now: Date,
): { path: string; size: number } | null => {
  const key = decodeURIComponent(url.pathname.slice(LOCAL_UPLOAD_PATH.length));
  const expires = Number(url.searchParams.get('expires'));
  const size = Number(url.searchParams.get('size'));
  const signature = Buffer.from(url.searchParams.get('signature') ?? '');
  const expected = Buffer.from(localSignature(imports.uploadSecret, key, expires, size));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
  if (!Number.isInteger(expires) || expires * 1000 < now.getTime()) return null;
  const root = resolve(imports.directory);
  const path = resolve(root, key);
  if (!path.startsWith(`${root}/`)) return null;
  return { path, size };
};

export const writeLocalUpload = async (path: string, body: Buffer) => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body);
};

/** A URL the browser PUTs exactly `size` bytes to, for 15 minutes. */
export const presignUpload = async (key: string, size: number, now: Date): Promise<PresignedUpload> => {
  const imports = importConfig();
  const expires = Math.floor(now.getTime() / 1000) + UPLOAD_TTL_SECONDS;
  const expiresAt = new Date(expires * 1000).toISOString();
  const headers = { 'content-type': 'application/octet-stream' };
  if (imports.mode === 'local') {
    const query = new URLSearchParams({
      expires: String(expires),
      size: String(size),
      signature: localSignature(imports.uploadSecret, key, expires, size),
    });
    return {
      url: `${LOCAL_UPLOAD_PATH}${key}?${query}`,
      method: 'PUT',
      headers,
      expiresAt,
      maxBytes: IMPORT_MAX_BYTES,
    };
  }
  const [{ S3Client, PutObjectCommand }, { getSignedUrl }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/s3-request-presigner'),
  ]);
  // The signature covers the length: S3 refuses a body of any other size, so 10 MB is a hard cap.
  const command = new PutObjectCommand({
    Bucket: imports.bucket,
    Key: key,
    ContentLength: size,
    ContentType: headers['content-type'],
  });
  const url = await getSignedUrl(new S3Client({}), command, { expiresIn: UPLOAD_TTL_SECONDS });
  return { url, method: 'PUT', headers, expiresAt, maxBytes: IMPORT_MAX_BYTES };
};

/** The uploaded bytes, or null when nothing was uploaded under the key. */
export const readImportObject = async (key: string): Promise<Uint8Array | null> => {
  const imports = importConfig();
  if (imports.mode === 'local') {
    return readFile(join(resolve(imports.directory), key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  }
  const { S3Client, GetObjectCommand, NoSuchKey } = await import('@aws-sdk/client-s3');
  try {
    const { Body } = await new S3Client({}).send(new GetObjectCommand({ Bucket: imports.bucket, Key: key }));
    return Body ? await Body.transformToByteArray() : null;
  } catch (error) {
    if (error instanceof NoSuchKey) return null;
    throw error;
  }
};

/** An imported file is deleted once imported; the bucket's lifecycle rule removes the rest. */
export const deleteImportObject = async (key: string): Promise<void> => {
  const imports = importConfig();
  if (imports.mode === 'local') {
    await rm(join(resolve(imports.directory), key), { force: true });
    return;
  }
  const { S3Client, DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  await new S3Client({}).send(new DeleteObjectCommand({ Bucket: imports.bucket, Key: key }));
};
