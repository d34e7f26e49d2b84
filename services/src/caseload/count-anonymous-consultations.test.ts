import { describe, expect, it } from 'vitest';
import { countAnonymous } from './count-anonymous-consultations.ts';

describe('counting anonymous consultations', () => {
  it('counts by channel, counterpart and topic, with every key present', () => {
    const counts = countAnonymous('2026-11', 'aozora', [
      { channel: 'phone', counterpart: 'family', topic: 'housing', minutes: 20 },
      { channel: 'phone', counterpart: 'person', topic: 'housing', minutes: 15 },
      { channel: 'visit', counterpart: 'person', topic: 'employment', minutes: 45 },
    ]);
    expect(counts).toEqual({
      month: '2026-11',
      officeId: 'aozora',
      total: 3,
      totalMinutes: 80,
      byChannel: {
        visit: 1,
        phone: 2,
        home_visit: 0,
        online: 0,
        outreach: 0,
        accompany: 0,
        email: 0,
        agency_liaison: 0,
      },
      byCounterpart: { person: 2, family: 1, agency: 0, other: 0 },
      byTopic: { service_info: 0, daily_life: 0, employment: 1, housing: 2, family: 0, other: 0 },
    });
  });

  it('gives zeroes for a month without any', () => {
    const counts = countAnonymous('2026-10', 'aozora', []);
    expect(counts.total).toBe(0);
    expect(Object.values(counts.byTopic).every((count) => count === 0)).toBe(true);
  });
});
