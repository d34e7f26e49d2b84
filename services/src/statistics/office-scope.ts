import type { FiscalYearFigures, TenantContext } from '@kikan/shared';
import { seesOwnOfficeFiguresOnly } from '../policy/access-policy.ts';

/**
 * An office sees its own figures only: the tenant's totals and municipalities are replaced by the
 * office's own series, and no other office's figures remain.
 */
export const figuresForOffice = (figures: FiscalYearFigures, officeId: string): FiscalYearFigures => ({
  ...figures,
  offices: figures.offices.filter((office) => office.officeId === officeId),
  indicators: figures.indicators
    .filter((indicator) => indicator.byOffice.length > 0)
    .map((indicator) => {
      const own = indicator.byOffice.find((series) => series.officeId === officeId);
      const { officeId: _officeId, ...total } = own ?? {
        officeId,
        value: null,
        months: indicator.total.months.map(() => null),
      };
      return {
        ...indicator,
        total,
        byMunicipality: [],
        byOffice: own ? [own] : [],
        breakdown: [],
        target: null,
        achievementRate: null,
      };
    }),
});

/** What the caller may see of a fiscal year's figures. */
export const figuresFor = (ctx: TenantContext, figures: FiscalYearFigures): FiscalYearFigures =>
  seesOwnOfficeFiguresOnly(ctx) ? figuresForOffice(figures, ctx.officeId) : figures;
