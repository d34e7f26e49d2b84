import type { FieldError, LikelyDuplicate } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { findPersonIdsByRecipientNumber, readPersonFile } from '../data/person-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import { ConflictError, LikelyDuplicateError, RecipientNumberTakenError } from '../kernel/errors.ts';

/**
 * One person, one record (ADR 0025): what a caller is told when the 受給者証番号 they enter is held.
 *
 * Held by a person with a case at the caller's own office: the caller may read that person, so the
 * message names the case codes to open instead. Held by anyone else: one neutral message, the same
 * whatever office holds it and whoever it is — the caller learns that the number is registered in
 * the tenant (the person handed them the certificate) and nothing else: no office, no name, no code.
 */
export const RECIPIENT_NUMBER_HELD_ELSEWHERE =
  'この受給者証番号はすでに登録されています（この事業所の利用者ではありません）。番号を確かめ、利用者の事業所の変更は基幹相談支援センターにご相談ください';

export const recipientNumberHeldAtOfficeMessage = (caseCodes: readonly string[]): string =>
  `この受給者証番号はすでにこの事業所の利用者に登録されています（ケース番号：${caseCodes.join('、')}）。その利用者の記録を使ってください`;

/**
 * The `.catch` of a write that claims a person's number: a RecipientNumberTakenError from the
 * transaction becomes the 409 the caller may be told (on `field`); anything else passes through.
 */
export const explainHeldNumber =
  (tenantId: string, officeId: string, recipientNumber: string | undefined, field: string) =>
  async (error: unknown): Promise<never> => {
    if (!(error instanceof RecipientNumberTakenError) || !recipientNumber) throw error;
    throw await recipientNumberRefusal(tenantId, officeId, recipientNumber, error.holderPersonId, field);
  };

/**
 * The 409 for a number held by `holderPersonId`. Whether the holder is the caller's own office's is
 * read from the office-scoped lookup (the key holds the office), never from another office's items.
 */
const recipientNumberRefusal = async (
  tenantId: string,
  officeId: string,
  recipientNumber: string,
  holderPersonId: string,
  field: string,
): Promise<ConflictError> => {
  const atThisOffice = await findPersonIdsByRecipientNumber(tenantId, officeId, recipientNumber);
  const caseCodes = atThisOffice.includes(holderPersonId)
    ? await caseCodesAtOffice(tenantId, officeId, holderPersonId)
    : [];
  const message = caseCodes.length
    ? recipientNumberHeldAtOfficeMessage(caseCodes)
    : RECIPIENT_NUMBER_HELD_ELSEWHERE;
  return new ConflictError(message, [{ field, message }]);
};

const caseCodesAtOffice = async (tenantId: string, officeId: string, personId: string) => {
  const file = await readPersonFile(tenantId, personId);
  const caseIds = (file?.cases ?? []).filter((link) => link.officeId === officeId).map((link) => link.caseId);
  const cases = await getCasesByIds(tenantId, caseIds);
  return [...cases.values()]
    .filter((record) => record.officeId === officeId)
    .map((record) => record.caseCode)
    .sort();
};

/** The 409 of a likely duplicate: the own office's cases of the same kana and birth date. */
export const likelyDuplicateRefusal = (cases: readonly CaseRecord[]): LikelyDuplicateError => {
  const duplicates: LikelyDuplicate[] = [...cases]
    .sort((a, b) => a.caseCode.localeCompare(b.caseCode))
    .map((record) => ({ caseId: record.caseId, caseCode: record.caseCode }));
  const field: FieldError = {
    field: 'body.confirmNotDuplicate',
    message: `同じフリガナと生年月日の利用者がこの事業所にいます（ケース番号：${duplicates
      .map((duplicate) => duplicate.caseCode)
      .join('、')}）。同一人物でないことを確かめてから登録してください`,
  };
  return new LikelyDuplicateError(duplicates, [field]);
};
