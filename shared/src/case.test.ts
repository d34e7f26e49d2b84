import { describe, expect, it } from 'vitest';
import { CASE_PHASES, PHASE_TRANSITIONS, canTransition, type CasePhase } from './case.ts';

const ALLOWED: ReadonlyArray<readonly [CasePhase, CasePhase]> = [
  ['intake', 'assessment'],
  ['intake', 'closed'],
  ['assessment', 'planning'],
  ['assessment', 'closed'],
  ['planning', 'implementation'],
  ['planning', 'closed'],
  ['implementation', 'monitoring'],
  ['implementation', 'closed'],
  ['monitoring', 'planning'],
  ['monitoring', 'closed'],
];

const allPairs = CASE_PHASES.flatMap((from) => CASE_PHASES.map((to) => [from, to] as const));

describe('canTransition', () => {
  it('is decided for all 36 pairs of phases', () => {
    expect(allPairs).toHaveLength(36);
  });

  it.each(allPairs)('%s → %s is allowed exactly when the care cycle lists it', (from, to) => {
    const expected = ALLOWED.some(([allowedFrom, allowedTo]) => allowedFrom === from && allowedTo === to);

    expect(canTransition(from, to)).toBe(expected);
  });

  it('agrees with the PHASE_TRANSITIONS table', () => {
    const fromTable = CASE_PHASES.flatMap((from) => PHASE_TRANSITIONS[from].map((to) => [from, to] as const));

    expect(fromTable).toEqual(ALLOWED);
  });

  it('keeps a closed case closed', () => {
    expect(CASE_PHASES.filter((to) => canTransition('closed', to))).toEqual([]);
  });

  it('sends a monitored case back to planning for a plan review', () => {
    expect(canTransition('monitoring', 'planning')).toBe(true);
  });

  it('refuses to skip from intake to monitoring', () => {
    expect(canTransition('intake', 'monitoring')).toBe(false);
  });

  it('never stays in the same phase', () => {
    expect(CASE_PHASES.filter((phase) => canTransition(phase, phase))).toEqual([]);
  });

  it('lets every open phase close', () => {
    expect(
      CASE_PHASES.filter((phase) => phase !== 'closed').every((phase) => canTransition(phase, 'closed')),
    ).toBe(true);
  });
});
