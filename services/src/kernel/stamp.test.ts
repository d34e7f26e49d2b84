import { describe, expect, it } from 'vitest';
import { stampOf } from './stamp.ts';

describe('stampOf', () => {
  it('takes today in Japan, not in UTC', () => {
    const ctx = {
      tenantId: 'kibougaoka',
      role: 'specialist',
      officeId: 'himawari',
      userId: 'user-sato',
    } as const;
    expect(stampOf(ctx, new Date('2026-03-31T16:30:00Z'))).toEqual({
      at: '2026-03-31T16:30:00.000Z',
      userId: 'user-sato',
      today: '2026-04-01',
    });
  });
});
