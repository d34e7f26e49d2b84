import { CASE_PHASES, type CasePhase, type CaseView } from '@kikan/shared';

/** Cases per phase, every phase present (zero included) in cycle order. */
export const countByPhase = (cases: readonly CaseView[]): Record<CasePhase, number> => {
  const counts = Object.fromEntries(CASE_PHASES.map((phase) => [phase, 0])) as Record<CasePhase, number>;
  for (const item of cases) counts[item.phase] += 1;
  return counts;
};
