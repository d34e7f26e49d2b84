import { describe, expect, it } from 'vitest';
import { ConsultationInput, NeedRow } from './caseload-records.ts';

const consultation = (minutes: unknown) => ({
  consultedOn: '令和8年4月1日',
  channel: 'phone',
  counterpart: 'person',
  summary: '電話で近況を確認',
  minutes,
});

describe('numbers in records say their range when refused', () => {
  it.each([0, 1441, 12.5, Number.NaN])('minutes %s are refused with the allowed range', (minutes) => {
    expect(ConsultationInput.safeParse(consultation(minutes)).error?.issues).toEqual([
      expect.objectContaining({
        path: ['minutes'],
        message: '所要時間は1分から1440分（24時間）までの整数で入力してください',
      }),
    ]);
  });

  it('a consultation of 1440 minutes on a 令和 date is read', () => {
    expect(ConsultationInput.parse(consultation(1440))).toMatchObject({
      consultedOn: '2026-04-01',
      minutes: 1440,
    });
  });

  it('a plan priority of 100 is refused with the allowed range', () => {
    const result = NeedRow.safeParse({ priority: 100, need: '外出したい', goal: '週1回外出する' });
    expect(result.error?.issues.map(({ message }) => message)).toEqual([
      '優先順位は1から99までの整数で入力してください',
    ]);
  });
});
