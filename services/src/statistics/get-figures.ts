import type { FiguresView } from '@kikan/shared';
import { readFiguresSnapshot } from '../data/signoff-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import type { getFiguresRoute } from '@kikan/shared/contracts/statistics';
import { readLiveFigures } from './live-figures.ts';
import { figuresFor } from './office-scope.ts';

export const getFigures: Operation<typeof getFiguresRoute> = async ({
  ctx,
  query,
  now,
}): Promise<FiguresView> => {
  if (query.version !== undefined) {
    const snapshot = await readFiguresSnapshot(ctx.tenantId, query.fiscalYear, query.version);
    if (!snapshot) throw new NotFoundError();
    return { source: 'approved', version: query.version, figures: figuresFor(ctx, snapshot.figures) };
  }
  const figures = await readLiveFigures(ctx.tenantId, query.fiscalYear, now);
  return { source: 'live', version: null, figures: figuresFor(ctx, figures) };
};
