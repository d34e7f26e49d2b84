import { describe, expect, it } from 'vitest';
import type { CaseView } from '@kikan/shared';
import {
  ageBandLabel,
  ageLabel,
  displayDate,
  eraReadingOf,
  japanDateOfTimestamp,
  lifeStageAlerts,
  personLabel,
  settledDateInput,
} from './dates.ts';

const base = {
  caseId: 'case-000001',
  caseCode: 'K-0001',
  officeId: 'office-01',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'intake',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'not_started',
  openedOn: '2026-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  monitoringOverdue: false,
  version: 1,
  updatedAt: '2026-04-01T00:00:00.000Z',
} as const;

describe('date display', () => {
  it('shows a date in 令和 with its Gregorian form alongside', () => {
    expect(displayDate('2026-11-22')).toEqual({
      iso: '2026-11-22',
      era: '令和8年11月22日',
      gregorian: '2026年11月22日',
    });
  });

  it('writes the first year of the era as 元年', () => {
    expect(displayDate('2019-05-01').era).toBe('令和元年5月1日');
  });

  it('takes the Japan calendar day of a UTC timestamp (15:00 UTC is the next day in Japan)', () => {
    expect(japanDateOfTimestamp('2026-03-31T15:00:00.000Z')).toBe('2026-04-01');
    expect(japanDateOfTimestamp('2026-03-31T14:59:59.000Z')).toBe('2026-03-31');
  });

  it('gives the age in years, increased on the day before the birthday (年齢計算ニ関スル法律)', () => {
    expect(ageLabel('2008-04-10', '2026-04-08')).toBe('17歳');
    expect(ageLabel('2008-04-10', '2026-04-09')).toBe('18歳');
    expect(ageLabel('2008-04-10', '2026-04-10')).toBe('18歳');
  });
});

describe('person label', () => {
  it('names a fully visible person', () => {
    const view: CaseView = {
      ...base,
      visibility: 'full',
      personId: 'person-0001',
      personName: '山田 太郎',
      personKana: 'ヤマダ タロウ',
      birthDate: '1990-01-01',
      specialistUserId: 'user-000001',
      createdAt: '2026-04-01T00:00:00.000Z',
    };

    expect(personLabel(view)).toBe('山田 太郎');
  });

  it('shows a pseudonymised person as initials and age band only', () => {
    const view: CaseView = { ...base, visibility: 'pseudonymised', initials: 'サ・ハ', ageBand: '18-29' };

    expect(personLabel(view)).toBe('サ・ハ（18-29歳）');
  });

  it('writes the open-ended age band as 以上', () => {
    expect(ageBandLabel('65+')).toBe('65歳以上');
  });
});

describe('life-stage alerts', () => {
  it('announces reaching 18 within six months, on the day before the birthday, with the child-to-adult plan note', () => {
    const alerts = lifeStageAlerts('2008-08-01', '2026-04-01');

    expect(alerts).toEqual([
      {
        age: 18,
        date: { iso: '2026-07-31', era: '令和8年7月31日', gregorian: '2026年7月31日' },
        note: '障害児支援利用計画からサービス等利用計画への移行',
      },
    ]);
  });

  it('stays silent when no transition age falls within six months', () => {
    expect(lifeStageAlerts('1990-01-01', '2026-04-01')).toEqual([]);
  });
});

describe('era reading of a date input', () => {
  it('reads a complete date in 令和, with 元年 for the first year', () => {
    expect(eraReadingOf('2026-05-10')).toBe('令和8年5月10日');
    expect(eraReadingOf('2019-05-01')).toBe('令和元年5月1日');
  });

  it('reads a date typed in 令和, with full-width digits or slashes', () => {
    expect(eraReadingOf('R8.5.10')).toBe('令和8年5月10日');
    expect(eraReadingOf('令和８年５月１０日')).toBe('令和8年5月10日');
    expect(eraReadingOf('2026/5/1')).toBe('令和8年5月1日');
  });

  it('is empty while the input holds no calendar date', () => {
    expect(eraReadingOf('')).toBe('');
    expect(eraReadingOf('2026-02-30')).toBe('');
    expect(eraReadingOf('令和8年5')).toBe('');
  });
});

describe('a date input once left', () => {
  it('shows the ISO day a written date was read as', () => {
    expect(settledDateInput('平成20年6月15日')).toBe('2008-06-15');
    expect(settledDateInput(' R8.4.1 ')).toBe('2026-04-01');
  });

  it('keeps what was typed when it is no date, for the form to refuse with its reason', () => {
    expect(settledDateInput('令和1年4月30日')).toBe('令和1年4月30日');
  });
});
