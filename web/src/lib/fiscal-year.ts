import { fiscalYearOf, formatFiscalYear } from '@kikan/shared';

export interface FiscalYearOption {
  value: number;
  /** 令和8年度（2026年度） */
  label: string;
}

/** 令和8年度（2026年度）: the era reading staff use, the Gregorian year beside it. */
export const fiscalYearLabel = (fiscalYear: number): string =>
  `${formatFiscalYear(fiscalYear)}（${fiscalYear}年度）`;

/** The fiscal year of `today` first, then the `count - 1` years before it (records are kept five years). */
export const fiscalYearOptions = (today: string, count = 5): FiscalYearOption[] => {
  const current = fiscalYearOf(today);
  return Array.from({ length: count }, (_, index) => current - index).map((value) => ({
    value,
    label: fiscalYearLabel(value),
  }));
};

/** The `?fy=` of a page's address when it is one of the offered years; otherwise this fiscal year. */
export const fiscalYearFromQuery = (value: string | null, options: readonly FiscalYearOption[]): number => {
  const wanted = Number(value);
  const match = options.find((option) => option.value === wanted);
  return match?.value ?? options[0]?.value ?? Number.NaN;
};
