import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The local stand-in for the deployment's cursor secret (Secrets Manager in AWS): kept beside the
 * data in the data folder, so cursors survive a restart like the data does; a fresh random one for
 * an in-memory stack.
 */
export const localCursorSecret = (file?: string): string => {
  if (file && existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(32).toString('base64url');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
  }
  return secret;
};
