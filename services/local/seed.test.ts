import { describe, expect, it } from 'vitest';
import { lastRecordDayOf, latestDay } from '../src/data/record-days.ts';
import { demoItems } from './seed.ts';

const NOW = new Date('2026-11-22T03:00:00.000Z');

describe('the seeded demo cases', () => {
  const items = demoItems(NOW);
  const cases = items.filter((item) => item.entity === 'case');
  const partitionOf = (pk: unknown) => items.filter((item) => item.pk === pk);

  it('keep the day of their last record, as the writes that add records keep it', () => {
    for (const caseItem of cases) {
      expect(caseItem.lastRecordOn, String(caseItem.caseId)).toBe(
        latestDay([String(caseItem.openedOn), lastRecordDayOf(partitionOf(caseItem.pk))]),
      );
    }
  });

  it('never close before their last record (a closure the API would refuse)', () => {
    const closed = cases.filter((item) => item.phase === 'closed');
    expect(closed.length).toBeGreaterThan(0);
    for (const caseItem of closed) {
      expect(String(caseItem.closedOn) >= String(caseItem.lastRecordOn), String(caseItem.caseId)).toBe(true);
    }
  });
});
