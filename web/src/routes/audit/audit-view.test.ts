import { describe, expect, it } from 'vitest';
import { actionLabel, auditFilename, dayFromQuery, japanTimeOf, recordTypeLabel } from './audit-view.ts';

describe('audit log view', () => {
  it('shows the time in Japan, whatever the browser zone', () => {
    expect(japanTimeOf('2026-11-22T15:05:09.000Z')).toBe('00:05:09');
    expect(japanTimeOf('2026-11-23T05:30:00.000Z')).toBe('14:30:00');
  });

  it('labels known actions and record types in Japanese and shows unknown ones as they are', () => {
    expect(actionLabel('read')).toBe('閲覧');
    expect(actionLabel('emergency_share')).toBe('緊急時の共有（同意なし・虐待）');
    expect(actionLabel('archive')).toBe('archive');
    expect(recordTypeLabel('person')).toBe('利用者');
    expect(recordTypeLabel('regional_issue')).toBe('regional_issue');
  });

  it('takes the day from the address only when it is a date', () => {
    expect(dayFromQuery('2026-11-01', '2026-11-23')).toBe('2026-11-01');
    expect(dayFromQuery('2026-13-01', '2026-11-23')).toBe('2026-11-23');
    expect(dayFromQuery(null, '2026-11-23')).toBe('2026-11-23');
  });

  it('names the CSV after its period, one day by its date alone', () => {
    expect(auditFilename('2026-11-01', '2026-11-23')).toBe('監査ログ_2026-11-01_2026-11-23.csv');
    expect(auditFilename('2026-11-23', '2026-11-23')).toBe('監査ログ_2026-11-23.csv');
  });
});
