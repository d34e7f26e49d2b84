import { describe, expect, it } from 'vitest';
import { IMPORT_RUN_STALE_MS, isStalledRun } from './import-job.ts';

describe('isStalledRun', () => {
  const now = Date.parse('2026-12-07T12:00:00.000Z');
  const movedAgo = (ms: number) => new Date(now - ms).toISOString();

  it('a run that has not moved for longer than a processor may run is stalled', () => {
    expect(isStalledRun({ state: 'checking', updatedAt: movedAgo(IMPORT_RUN_STALE_MS + 1) }, now)).toBe(true);
    expect(isStalledRun({ state: 'importing', updatedAt: movedAgo(IMPORT_RUN_STALE_MS + 1) }, now)).toBe(
      true,
    );
  });

  it('a run that moved within the limit is still under way', () => {
    expect(isStalledRun({ state: 'importing', updatedAt: movedAgo(IMPORT_RUN_STALE_MS) }, now)).toBe(false);
  });

  it('a job that is not running is never stalled, however old', () => {
    for (const state of ['awaiting_upload', 'checked', 'imported', 'failed'] as const) {
      expect(isStalledRun({ state, updatedAt: movedAgo(IMPORT_RUN_STALE_MS * 10) }, now)).toBe(false);
    }
  });
});
