import { describe, expect, it } from 'vitest';
import { countOfMonth } from './count-consultations.ts';

describe('counting consultation records for the national survey', () => {
  it('counts each record once in the total and once under every 支援内容 it names', () => {
    const counts = countOfMonth('2026-11', 'himawari', [
      {
        channel: 'phone',
        counterpart: 'family',
        supportCategories: ['welfare_services', 'family_relationships'],
        minutes: 20,
      },
      { channel: 'accompany', counterpart: 'person', supportCategories: ['welfare_services'], minutes: 90 },
      { channel: 'email', counterpart: 'agency', supportCategories: ['employment'], minutes: 10 },
    ]);
    expect(counts.total).toBe(3);
    expect(counts.totalMinutes).toBe(120);
    expect(counts.bySupportCategory).toMatchObject({
      welfare_services: 2,
      family_relationships: 1,
      employment: 1,
      advocacy: 0,
    });
    expect(Object.values(counts.bySupportCategory).reduce((sum, count) => sum + count, 0)).toBe(4);
    expect(counts.byChannel).toMatchObject({ phone: 1, accompany: 1, email: 1, visit: 0 });
    expect(counts.byCounterpart).toEqual({ person: 1, family: 1, agency: 1, other: 0 });
  });

  it('gives every row of the survey, zero for a month without any', () => {
    const counts = countOfMonth('2026-10', 'himawari', []);
    expect(counts.total).toBe(0);
    expect(Object.keys(counts.bySupportCategory)).toHaveLength(12);
    expect(Object.values(counts.bySupportCategory).every((count) => count === 0)).toBe(true);
  });
});
