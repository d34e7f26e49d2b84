import type { FieldError } from '@kikan/shared';
import { ValidationError } from '../kernel/errors.ts';

/**
 * The day a record of a case says something happened (a phase change, a plan's 計画作成日, a
 * closure) may be given, so that a history entered later keeps its real days (issue 15). It stays
 * inside what the case allows: not before the case opened, not in the future, and, for a phase
 * change, not before the previous one — else the timeline would show the cycle out of order.
 */
export interface DayBounds {
  openedOn: string;
  today: string;
  /** The day of the case's latest phase change, when the day is one too. */
  lastPhaseChangeOn?: string | undefined;
}

/** The refusal of `day` (named `label` in the message) as a field error of `field`, or null. */
export const historyDayError = (
  field: string,
  label: string,
  day: string,
  bounds: DayBounds,
): FieldError | null => {
  if (day > bounds.today) return { field, message: `${label}に未来の日付は指定できません` };
  if (day < bounds.openedOn) return { field, message: `${label}はケースの開始日以降にしてください` };
  if (bounds.lastPhaseChangeOn !== undefined && day < bounds.lastPhaseChangeOn) {
    return {
      field,
      message: `${label}は前回のフェーズ変更日（${bounds.lastPhaseChangeOn}）以降にしてください`,
    };
  }
  return null;
};

export const checkHistoryDay = (field: string, label: string, day: string, bounds: DayBounds): void => {
  const error = historyDayError(field, label, day, bounds);
  if (error) throw new ValidationError([error]);
};

/** A plan is written before the person consents to it: its 計画作成日 is not after the consent date. */
export const checkConsentAfterCreation = (consentOn: string, createdOn: string | undefined): void => {
  if (createdOn !== undefined && consentOn < createdOn) {
    throw new ValidationError([
      { field: 'body.consentOn', message: `同意日は計画作成日（${createdOn}）以降にしてください` },
    ]);
  }
};
