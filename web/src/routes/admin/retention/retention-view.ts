import {
  LegalHoldInput,
  LegalHoldParams,
  RETENTION_YEARS_MAX,
  RETENTION_YEARS_MIN,
  RetentionSettingsInput,
  type CaseRetention,
} from '@kikan/shared';
import * as z from 'zod';
import { ApiError } from '#lib/api.ts';
import { checkInput, type FormCheck } from '#lib/forms.ts';
import { caseStanding } from '#lib/legal-hold.ts';

/** 完結の日から7年: the period counts whole years from the day the support ended (ADR 0018). */
export const retentionBasis = (years: number): string => `完結の日から${years}年`;

export const RETENTION_STALE_MESSAGE =
  '他の管理者が保存期間を変更しました。最新の内容を読み込み直してから、もう一度変更してください';

export const YEARS_HINT = `${RETENTION_YEARS_MIN}年から${RETENTION_YEARS_MAX}年までの整数で指定します。`;

/**
 * The years typed in the period form: full-width digits (７) count as digits, empty is its own
 * message, the rest is the shared schema's (5 to 30, whole years).
 */
export const checkRetentionYears = (typed: string): FormCheck<RetentionSettingsInput> => {
  const text = typed.normalize('NFKC').trim();
  if (text === '') return { ok: false, errors: { years: '保存年数を入力してください' } };
  if (!/^\d+$/.test(text)) return { ok: false, errors: { years: '保存年数は数字で入力してください' } };
  return checkInput(RetentionSettingsInput, { years: Number(text) });
};

/** The hold form: the case id (a path parameter of the route) and the reason (its body). */
export const HoldForm = z.strictObject({ ...LegalHoldParams.shape, ...LegalHoldInput.shape });
export type HoldForm = z.infer<typeof HoldForm>;

/** Case ids are copied from the office's screens: spaces around them (also full-width) are dropped. */
export const checkHold = (values: { caseId: string; reason: string }): FormCheck<HoldForm> =>
  checkInput(HoldForm, {
    caseId: values.caseId.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') || undefined,
    reason: values.reason || undefined,
  });

export const CASE_NOT_FOUND = 'このケースIDのケースは見つかりません。ケースIDを確認してください';

/**
 * The hold routes answer 404 for a case id that is not the tenant's: that is about the case id
 * input, so it is shown there (as a field error of the body, where the form looks for them).
 */
export const caseIdErrorOf = (error: unknown): unknown =>
  error instanceof ApiError && error.status === 404
    ? new ApiError(error.status, error.code, error.message, [
        { field: 'body.caseId', message: CASE_NOT_FOUND },
      ])
    : error;

export const holdPlacedMessage = (retention: CaseRetention): string =>
  `ケース ${retention.caseId} の削除を保留にしました。${caseStanding(retention)}`;

/**
 * After a hold is lifted: a case past its period goes with the next daily sweep, which the admin
 * must know before they find it gone.
 */
export const holdLiftedMessage = (retention: CaseRetention, today: string): string => {
  const lifted = `ケース ${retention.caseId} の削除の保留を解除しました。`;
  if (retention.deletableFrom && retention.deletableFrom <= today)
    return `${lifted}保存期間を過ぎているため、次回の処理（毎日午前3時）で削除されます。`;
  return `${lifted}${caseStanding(retention)}`;
};
