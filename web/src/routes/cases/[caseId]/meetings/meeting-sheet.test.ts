import type { CaseFull } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { meetingSheetHeader, meetingTimeLabel } from './meeting-sheet.ts';

const view: CaseFull = {
  visibility: 'full',
  caseId: 'case-000001',
  caseCode: 'K-0001',
  officeId: 'himawari',
  serviceKind: 'child_plan_consultation',
  planAuthor: 'specialist',
  phase: 'planning',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2026-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  monitoringOverdue: false,
  version: 1,
  updatedAt: '2026-04-01T00:00:00.000Z',
  personId: 'person-0001',
  personName: '山田 太郎',
  personKana: 'ヤマダ タロウ',
  birthDate: '2015-05-10',
  specialistUserId: 'user-sato',
  createdAt: '2026-04-01T00:00:00.000Z',
};

const staff = [
  {
    userId: 'user-sato',
    displayName: '佐藤 美咲',
    role: 'specialist' as const,
    officeId: 'himawari',
    senior: false,
    confirmsFigures: false,
  },
];

describe('the header of the printed 会議録', () => {
  it('shows the 和暦 day, place, time, the plan discussed and who wrote it', () => {
    const header = meetingSheetHeader(
      view,
      {
        heldOn: '2026-11-20',
        place: 'ひまわり相談室',
        startTime: '14:00',
        endTime: '15:30',
        planVersion: 2,
        createdBy: 'user-sato',
      },
      { person: null, staff },
      null,
    );
    expect(header).toMatchObject({
      personName: '山田 太郎',
      heldOn: '令和8年11月20日',
      place: 'ひまわり相談室',
      time: '14:00〜15:30',
      plan: '障害児支援利用計画 第2版',
      authorName: '佐藤 美咲',
      recipientNumber: '—',
      officeName: '—',
    });
  });

  it('shows a dash for what a meeting recorded before the 会議録 fields does not have', () => {
    const header = meetingSheetHeader(
      view,
      { heldOn: '2026-04-20', createdBy: 'user-sato' },
      { person: null, staff },
      null,
    );
    expect(header).toMatchObject({ place: '—', time: '—', plan: '—' });
    expect(meetingTimeLabel({ startTime: '09:00' })).toBe('09:00〜');
  });
});
