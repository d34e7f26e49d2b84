import { describe, expect, it } from 'vitest';
import { ValidationError } from '../kernel/errors.ts';
import { cursorKeyFrom } from '../kernel/cursor-key.ts';
import { openCursor, sealCursor, type CursorBinding } from './cursor-seal.ts';

const KEY = cursorKeyFrom('a deployment secret of at least thirty-two characters');
const BINDING: CursorBinding = {
  route: 'GET /api/cases',
  tenantId: 'kibougaoka',
  officeId: 'kibou-core',
  userId: 'user-takahashi',
  role: 'core_supervisor',
  params: {},
  filters: { officeId: 'himawari' },
  day: '2026-12-07',
};
/** A continuation as the data layer writes it: a DynamoDB key holding an office, kana and an id. */
const CONTINUATION = JSON.stringify({
  gsi2pk: 'T#kibougaoka#CASES',
  gsi2sk: 'himawari#サトウ ハナコ#demo-kibougaoka-case-001',
  pk: 'T#kibougaoka#CASE#demo-kibougaoka-case-001',
  sk: 'CASE',
});

const refusal = (open: () => unknown) => {
  try {
    open();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('sealed pagination cursors (SECURITY.md row 22)', () => {
  it('give the continuation back to the request they were issued for', () => {
    const sealed = sealCursor(KEY, BINDING, CONTINUATION);

    expect(openCursor(KEY, BINDING, sealed)).toBe(CONTINUATION);
  });

  it('carry nothing a client can read: no key attribute, kana, id or date, in any decoding', () => {
    const sealed = sealCursor(KEY, BINDING, CONTINUATION);
    const decodings = [
      sealed,
      Buffer.from(sealed, 'base64url').toString('utf8'),
      Buffer.from(sealed, 'base64url').toString('latin1'),
    ];

    // Fragments long or odd enough (quotes, '#') that random ciphertext cannot hold them by chance:
    // a two-letter 'pk' turns up in about one base64 string of forty.
    const secrets = [
      '"gsi2sk"',
      '"pk"',
      'T#kibougaoka',
      'CASE#',
      'サトウ',
      'ｻﾄｳ',
      'himawari',
      'demo-kibougaoka',
      '2026-12-07',
      // How an unsealed cursor would look: the continuation in base64url.
      Buffer.from(CONTINUATION).toString('base64url').slice(0, 16),
    ];
    for (const text of decodings) {
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('differ each time, so two cursors of the same position cannot be told equal', () => {
    expect(sealCursor(KEY, BINDING, CONTINUATION)).not.toBe(sealCursor(KEY, BINDING, CONTINUATION));
  });

  it.each<[string, Partial<CursorBinding>]>([
    ['another route', { route: 'GET /api/cases/search' }],
    ['another tenant', { tenantId: 'hokushin' }],
    ['another office', { officeId: 'himawari' }],
    ['another user', { userId: 'user-sato' }],
    ['another role', { role: 'specialist' }],
    ['other path parameters', { params: { officeId: 'aozora' } }],
    ['other filters', { filters: { officeId: 'aozora' } }],
    ['another day', { day: '2026-12-08' }],
  ])('refuse with a 400 naming query.cursor when opened for %s', (_what, change) => {
    const sealed = sealCursor(KEY, BINDING, CONTINUATION);

    const error = refusal(() => openCursor(KEY, { ...BINDING, ...change }, sealed));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields?.map((field) => field.field)).toEqual(['query.cursor']);
  });

  it('refuse an altered cursor, a cursor made without the key and a raw key in base64', () => {
    const sealed = Buffer.from(sealCursor(KEY, BINDING, CONTINUATION), 'base64url');
    const flipped = Buffer.from(sealed);
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    const forged = sealCursor(
      cursorKeyFrom('another deployment secret, thirty-two+ chars'),
      BINDING,
      CONTINUATION,
    );
    const raw = Buffer.from(CONTINUATION).toString('base64url');

    for (const cursor of [flipped.toString('base64url'), forged, raw, 'AQ', '']) {
      expect(refusal(() => openCursor(KEY, BINDING, cursor))).toBeInstanceOf(ValidationError);
    }
  });

  it('give the same binding the same answer whatever order its filters came in', () => {
    const sealed = sealCursor(KEY, { ...BINDING, filters: { a: '1', b: '2' } }, CONTINUATION);

    expect(openCursor(KEY, { ...BINDING, filters: { b: '2', a: '1' } }, sealed)).toBe(CONTINUATION);
  });
});
