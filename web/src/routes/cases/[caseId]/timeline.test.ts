import type { CaseTimeline } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { newestFirst } from './timeline.ts';

const entry = (recordId: string, date: string, createdAt: string): CaseTimeline['entries'][number] => ({
  kind: 'consultation',
  recordId,
  date,
  createdAt,
});

describe('case timeline order', () => {
  it('shows the newest day first, and within a day the entry written last first', () => {
    const entries = [
      entry('older-day', '2026-04-01', '2026-04-01T01:00:00.000Z'),
      entry('same-day-first', '2026-05-10', '2026-05-10T01:00:00.000Z'),
      entry('same-day-second', '2026-05-10', '2026-05-10T05:00:00.000Z'),
      // Recorded late (written in June about a day in March): it sorts by the day it is about.
      entry('late-entry', '2026-03-15', '2026-06-01T00:00:00.000Z'),
    ];

    expect(newestFirst({ entries }).map((item) => item.recordId)).toEqual([
      'same-day-second',
      'same-day-first',
      'older-day',
      'late-entry',
    ]);
  });

  it('leaves the timeline it was given in its order', () => {
    const entries = [
      entry('a', '2026-04-01', '2026-04-01T00:00:00.000Z'),
      entry('b', '2026-05-01', '2026-05-01T00:00:00.000Z'),
    ];

    newestFirst({ entries });

    expect(entries.map((item) => item.recordId)).toEqual(['a', 'b']);
  });
});
