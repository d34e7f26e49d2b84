import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { ValidationError } from '../kernel/errors.ts';
import { openBox, sealBox } from './sealed-box.ts';

/**
 * Pagination cursors leave the server sealed (SECURITY.md row 22). Inside is the data layer's
 * continuation (a DynamoDB key, which holds kana, dates and ids), so a client may neither read it
 * nor make one up: AES-256-GCM under a per-deployment secret, with the request it continues as
 * associated data. A cursor opens only for the same route, path parameters, filters, tenant,
 * office, user and role, on the same day in Japan (a day's ranges, e.g. "overdue before today",
 * move at midnight); anything else — another query, a forged or altered cursor — is a 400.
 */

const VERSION = 1;

/** What a cursor continues: everything that names the page but the page position itself. */
export interface CursorBinding {
  route: string;
  tenantId: string;
  officeId: string;
  userId: string;
  role: string;
  params: unknown;
  /** The query without `cursor` and `limit` (the page size may change between pages). */
  filters: unknown;
  /** The Japan date the cursor was issued. */
  day: string;
}

const associatedData = (binding: CursorBinding): Buffer =>
  createHash('sha256')
    .update(`${VERSION}:${canonicalJson(binding)}`)
    .digest();

export const sealCursor = (key: Buffer, binding: CursorBinding, continuation: string): string =>
  sealBox(key, associatedData(binding), continuation);

export const invalidCursor = (): ValidationError =>
  new ValidationError([
    {
      field: 'query.cursor',
      message: 'ページ位置が正しくないか、期限が切れています。最初のページから表示し直してください',
    },
  ]);

export const openCursor = (key: Buffer, binding: CursorBinding, sealed: string): string => {
  const continuation = openBox(key, associatedData(binding), sealed);
  if (continuation === null) throw invalidCursor();
  return continuation;
};
