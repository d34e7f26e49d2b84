import { randomBytes } from 'node:crypto';

const CASE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The pseudonymous case code (ケース番号): a short code staff can say on the phone (ambiguous
 * letters I, O, 0, 1 left out), random so it says nothing of the person, and the only name the
 * core center has for a case it sees pseudonymised. A case gets a new one when sharing with the
 * core center ends, so the code it knew from the shared case no longer finds it (SECURITY.md
 * row 23). 32⁶ ≈ 10⁹ codes: the code orders lists, it never identifies a record on its own.
 */
export const newCaseCode = (): string =>
  `K-${Array.from(randomBytes(6), (byte) => CASE_CODE_ALPHABET[byte % CASE_CODE_ALPHABET.length]).join('')}`;
