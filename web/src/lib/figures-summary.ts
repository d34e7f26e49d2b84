import {
  SIGN_OFF_STATUS_LABELS,
  isBehindTarget,
  type FiscalYearFigures,
  type SignOffView,
} from '@kikan/shared';
import { achievementOfIndicator, formatAttainment, formatFigure } from './achievement.ts';

export interface ShortIndicator {
  indicatorId: string;
  label: string;
  unit: string;
  /** As the plan's table prints them: 実績, 見込量, and the 達成率 (or, to lower, the distance). */
  actual: string;
  target: string;
  rate: string;
  /** In words: 見込量の8割未満, or 見込量を超過 for an indicator that should go down. */
  text: string;
}

export interface FiguresSummary {
  fiscalYear: number;
  status: string;
  approved: boolean;
  /** Offices (and the core center) still to confirm, in the order of the sign-off. */
  pending: string[];
  /** A joint tenant's member municipalities still to approve the figures the core center confirmed. */
  pendingApprovals: string[];
  /** Indicators short of their 見込量 by more than a fifth (or over it when lower is better). */
  short: ShortIndicator[];
  lastApproved: { version: number; approvedAt: string; approvedByName: string } | null;
}

/**
 * The municipality's home: where a fiscal year's figures stand — who still has to confirm them,
 * which indicators are far from the plan's 見込量, the last version it approved.
 */
export const figuresSummaryOf = (figures: FiscalYearFigures, signOff: SignOffView): FiguresSummary => {
  const offices = signOff.offices
    .filter((office) => !office.confirmation || office.changedSinceConfirmation)
    .map((office) => office.officeName);
  const coreMissing = signOff.status === 'open' || signOff.coreChangedSinceConfirmation;
  const pending =
    signOff.status === 'approved' ? [] : [...offices, ...(coreMissing ? ['基幹相談支援センター'] : [])];
  const pendingApprovals =
    signOff.status === 'core_confirmed' && !coreMissing
      ? (signOff.memberApprovals ?? []).filter((member) => !member.approval).map((member) => member.name)
      : [];
  const short = figures.indicators.flatMap((indicator): ShortIndicator[] => {
    if (indicator.target === null) return [];
    const achievement = achievementOfIndicator(indicator);
    if (!isBehindTarget(achievement.level)) return [];
    return [
      {
        indicatorId: indicator.indicatorId,
        label: indicator.label,
        unit: indicator.unit,
        actual: formatFigure(indicator.total.value, indicator.figureKind),
        target: formatFigure(indicator.target, indicator.figureKind),
        rate: formatAttainment(indicator, achievement),
        text: achievement.text,
      },
    ];
  });
  const last = signOff.approvedVersions.at(-1) ?? null;
  return {
    fiscalYear: signOff.fiscalYear,
    status: SIGN_OFF_STATUS_LABELS[signOff.status],
    approved: signOff.status === 'approved',
    pending,
    pendingApprovals,
    short,
    lastApproved: last
      ? { version: last.version, approvedAt: last.approvedAt, approvedByName: last.approvedByName }
      : null,
  };
};
