import {
  DASHBOARD_FIGURES,
  DASHBOARD_FIGURE_LABELS,
  DashboardFigure,
  type DashboardFigures,
  type SpecialistLoad,
} from '@kikan/shared/dashboard-api';

type CountKey = {
  [K in keyof DashboardFigures]: DashboardFigures[K] extends number ? K : never;
}[keyof DashboardFigures];

export interface FigureColumn {
  /** The count of DashboardFigures shown in the column. */
  count: Exclude<CountKey, 'planCases'>;
  /** The drill-down list behind the count. */
  figure: DashboardFigure;
  /** Column heading: short, the table is wide (モニタリング, 支給決定の更新 and 6か月以内に到達 head their pairs). */
  heading: string;
}

/** Each figure's column: the count shown and its heading. */
export const FIGURE_COLUMN: Record<DashboardFigure, FigureColumn> = {
  active: { count: 'activeCases', figure: 'active', heading: '支援中' },
  overdue: { count: 'monitoringOverdue', figure: 'overdue', heading: '期限超過' },
  due: { count: 'monitoringDueThisMonth', figure: 'due', heading: '今月予定' },
  renewal: { count: 'decisionEnding', figure: 'renewal', heading: '3か月以内' },
  expired: { count: 'decisionExpired', figure: 'expired', heading: '期限切れ' },
  withoutPlan: { count: 'withoutFinalPlan', figure: 'withoutPlan', heading: '本計画未作成' },
  selfPlan: { count: 'selfPlan', figure: 'selfPlan', heading: 'セルフプラン' },
  difficult: { count: 'openDifficult', figure: 'difficult', heading: '困難事例（対応中）' },
  nearing18: { count: 'nearing18', figure: 'nearing18', heading: '18歳' },
  nearing65: { count: 'nearing65', figure: 'nearing65', heading: '65歳' },
};

/** The dashboard's columns in the order of the figures, each count with the list of cases behind it. */
export const FIGURE_COLUMNS: readonly FigureColumn[] = DASHBOARD_FIGURES.map(
  (figure) => FIGURE_COLUMN[figure],
);

export interface FigureCell {
  count: number;
  /** Route parameters of the drill-down list; null for a zero (an empty list is not worth a click). */
  link: { officeId: string; figure: DashboardFigure } | null;
  /** What a screen reader hears for the link: 「ひまわりのモニタリング期限超過 3件の一覧」. */
  linkLabel: string;
}

export const figureCell = (
  office: { officeId: string; name: string } & DashboardFigures,
  column: FigureColumn,
): FigureCell => {
  const count = office[column.count];
  return {
    count,
    link: count > 0 ? { officeId: office.officeId, figure: column.figure } : null,
    linkLabel: `${office.name}の${DASHBOARD_FIGURE_LABELS[column.figure]} ${count}件の一覧`,
  };
};

/** The `[figure]` of a drill-down address, or null when it names no figure (→ not found). */
export const figureOfParam = (param: string | undefined): DashboardFigure | null => {
  const parsed = DashboardFigure.safeParse(param);
  return parsed.success ? parsed.data : null;
};

/** 33.3%: one decimal, as the municipal plan tables print it; '—' when there are no plan cases. */
export const rateLabel = (rate: number | null): string =>
  rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

export interface LoadSummary {
  /** Staff holding at least one case. */
  holders: number;
  average: number | null;
  max: number;
}

/** 担当件数: the average over staff who hold cases (a manager with none does not dilute it), and the heaviest. */
export const loadSummary = (specialists: readonly SpecialistLoad[]): LoadSummary => {
  const holding = specialists.filter((specialist) => specialist.activeCases > 0);
  const total = holding.reduce((sum, specialist) => sum + specialist.activeCases, 0);
  return {
    holders: holding.length,
    average: holding.length > 0 ? Math.round((total / holding.length) * 10) / 10 : null,
    max: Math.max(0, ...holding.map((specialist) => specialist.activeCases)),
  };
};
