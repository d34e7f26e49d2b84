import type { CaseFull } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { planSheetHeader, type PlanSheetSource } from './plan-sheet.ts';

const view: CaseFull = {
  visibility: 'full',
  caseId: 'case-000001',
  caseCode: 'K-0001',
  officeId: 'himawari',
  serviceKind: 'plan_consultation',
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
  birthDate: '1990-05-10',
  specialistUserId: 'user-sato',
  createdAt: '2026-04-01T00:00:00.000Z',
};

const source = (overrides: Partial<PlanSheetSource> = {}): PlanSheetSource => ({
  view,
  // 15:30 UTC on 30 April is already 1 May in Japan.
  plan: { status: 'draft', planVersion: 2, createdAt: '2026-04-30T15:30:00.000Z' },
  recipientNumber: '1234567890',
  supportLevel: '3',
  officeName: '相談支援事業所あおぞら',
  authorName: '佐藤 美咲',
  ...overrides,
});

describe('print header of a plan', () => {
  it('titles a draft adult plan サービス等利用計画案 and shows its version', () => {
    const header = planSheetHeader(source());

    expect(header.title).toBe('サービス等利用計画案');
    expect(header.statusLabel).toBe('計画案・第2版');
  });

  it('titles a final child plan 障害児支援利用計画 and shows the consent date in 令和', () => {
    const header = planSheetHeader(
      source({
        view: { ...view, serviceKind: 'child_plan_consultation' },
        plan: {
          status: 'final',
          planVersion: 1,
          createdAt: '2026-04-01T00:00:00.000Z',
          consentOn: '2026-04-20',
        },
      }),
    );

    expect(header.title).toBe('障害児支援利用計画');
    expect(header.consentOn).toBe('令和8年4月20日');
  });

  it('dates the plan by the day it was created in Japan, in 令和', () => {
    expect(planSheetHeader(source()).createdOn).toBe('令和8年5月1日');
  });

  it('carries the person, recipient number, support level, office and author', () => {
    expect(planSheetHeader(source())).toMatchObject({
      personName: '山田 太郎',
      recipientNumber: '1234567890',
      supportLevel: '区分3',
      officeName: '相談支援事業所あおぞら',
      authorName: '佐藤 美咲',
      monitoringPeriod: '3か月ごと',
      consentOn: '—',
    });
  });

  it('shows a dash where the recipient number is not yet issued', () => {
    expect(planSheetHeader(source({ recipientNumber: undefined })).recipientNumber).toBe('—');
  });
});
