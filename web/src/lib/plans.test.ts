import { describe, expect, it } from 'vitest';
import { monitoringPeriodLabel } from './plans.ts';

describe('monitoring period', () => {
  it('words monitoring periods as the municipality sets them', () => {
    expect(monitoringPeriodLabel(1)).toBe('毎月');
    expect(monitoringPeriodLabel(6)).toBe('6か月ごと');
    expect(monitoringPeriodLabel(12)).toBe('12か月ごと（年1回）');
  });
});
