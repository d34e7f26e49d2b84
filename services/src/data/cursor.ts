import * as z from 'zod';
import { ValidationError } from '../kernel/errors.ts';

const StoredKey = z.record(z.string(), z.string());

export const encodeCursor = (lastKey: Record<string, unknown> | undefined): string | null =>
  lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : null;

/**
 * Cursors are opaque to clients but not trusted: a cursor must point into the very partition the
 * query reads, so a crafted one cannot start a page in another office's or tenant's partition.
 */
export const decodeCursor = (
  cursor: string | undefined,
  expected: Record<string, string>,
): Record<string, string> | undefined => {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new ValidationError([{ field: 'query.cursor', message: 'ページ位置が正しくありません' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = StoredKey.safeParse(decoded);
  if (!parsed.success) throw invalid();
  for (const [name, value] of Object.entries(expected)) {
    if (parsed.data[name] !== value) throw invalid();
  }
  return parsed.data;
};
