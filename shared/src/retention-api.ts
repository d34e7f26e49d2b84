import * as z from 'zod';
import { CaseId, IsoDate, OfficeId, UserId } from './ids.ts';
import { CasePhase } from './case.ts';
import { Role } from './role.ts';

/**
 * Retention of closed cases (ADR 0018). 指定計画相談支援の記録は「その完結の日から」保存する
 * (the national standard says 2 years; most municipal ordinances say 5): the period here counts
 * whole years from the closing day, 5 by default, and a tenant may keep records longer, up to 30.
 */
export const RETENTION_YEARS_MIN = 5;
export const RETENTION_YEARS_MAX = 30;
export const RETENTION_YEARS_DEFAULT = 5;

export const RetentionYears = z
  .number({ error: '保存年数は数値で指定してください' })
  .int({ error: '保存年数は整数で指定してください' })
  .min(RETENTION_YEARS_MIN, { error: `保存年数は${RETENTION_YEARS_MIN}年以上にしてください` })
  .max(RETENTION_YEARS_MAX, { error: `保存年数は${RETENTION_YEARS_MAX}年以下にしてください` });

export const RetentionSettingsInput = z.strictObject({ years: RetentionYears });
export type RetentionSettingsInput = z.infer<typeof RetentionSettingsInput>;

export const RetentionSettings = z.strictObject({
  years: RetentionYears,
  /** false: nothing set, the default applies. */
  configured: z.boolean(),
  /** 0 while nothing is set; send it back as If-Match to change the period. */
  version: z.number().int().min(0),
  updatedAt: z.iso.datetime().optional(),
  updatedBy: UserId.optional(),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

/** Why a case is kept past its period. Codes, not free text: the hold list must name no one. */
export const LEGAL_HOLD_REASONS = [
  'litigation',
  'disclosure_request',
  'inspection',
  'abuse_case',
  'other',
] as const;
export const LegalHoldReason = z.enum(LEGAL_HOLD_REASONS);
export type LegalHoldReason = z.infer<typeof LegalHoldReason>;

export const LEGAL_HOLD_REASON_LABELS: Record<LegalHoldReason, string> = {
  litigation: '訴訟・紛争への対応',
  disclosure_request: '開示請求への対応',
  inspection: '監査・実地指導',
  abuse_case: '虐待事案の調査',
  other: 'その他',
};

export const LegalHoldInput = z.strictObject({ reason: LegalHoldReason });
export type LegalHoldInput = z.infer<typeof LegalHoldInput>;

export const LegalHoldParams = z.strictObject({ caseId: CaseId });

export const LegalHold = z.strictObject({
  caseId: CaseId,
  reason: LegalHoldReason,
  since: IsoDate,
  setBy: UserId,
  /**
   * The setter's role then: the tenant admin or the office's manager (from the case page). Absent
   * on holds placed before managers could place them, all by the tenant admin.
   */
  setByRole: Role.optional(),
});
export type LegalHold = z.infer<typeof LegalHold>;

/**
 * What the tenant admin (and the office's manager, from the case page) sees of a case to place or
 * lift a hold: where it stands and when it may be deleted, never who the person is.
 */
export const CaseRetention = z.strictObject({
  caseId: CaseId,
  officeId: OfficeId,
  phase: CasePhase,
  closedOn: IsoDate.optional(),
  /** The first day the sweep may delete the case (closed cases only, at the current period). */
  deletableFrom: IsoDate.optional(),
  hold: LegalHold.nullable(),
});
export type CaseRetention = z.infer<typeof CaseRetention>;

export const LegalHoldList = z.strictObject({ items: z.array(LegalHold) });
export type LegalHoldList = z.infer<typeof LegalHoldList>;

/** `closedOn` plus the period: from this day on, the case may be deleted. */
export const deletableFrom = (closedOn: string, years: number): string => {
  const [year, month, day] = closedOn.split('-').map(Number) as [number, number, number];
  // A 29 February closing rolls into March in a common year: a day late, never a day early.
  const date = new Date(Date.UTC(year + years, month - 1, day + 1));
  return date.toISOString().slice(0, 10);
};
