import { describe, expect, it } from 'vitest';
import { ConsultationInput, MeetingInput, NeedRow } from './caseload-records.ts';

const consultation = (minutes: unknown) => ({
  consultedOn: '令和8年4月1日',
  channel: 'phone',
  counterpart: 'person',
  supportCategories: ['welfare_services'],
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

describe('consultation records carry the 支援内容 of the national survey', () => {
  const withCategories = (supportCategories: unknown) => ({ ...consultation(30), supportCategories });

  it('keep each category once, in the survey order, whatever order they were ticked in', () => {
    const parsed = ConsultationInput.parse(
      withCategories(['employment', 'welfare_services', 'employment', 'advocacy']),
    );
    expect(parsed.supportCategories).toEqual(['welfare_services', 'employment', 'advocacy']);
  });

  it.each([[[]], [undefined]])('want at least one category (%j)', (categories) => {
    expect(ConsultationInput.safeParse(withCategories(categories)).error?.issues).toEqual([
      expect.objectContaining({ path: ['supportCategories'], message: '支援内容を1つ以上選んでください' }),
    ]);
  });

  it('refuse a category the survey does not have, naming it in Japanese', () => {
    const issues = ConsultationInput.safeParse(withCategories(['gossip'])).error?.issues;
    expect(issues?.[0]?.path).toEqual(['supportCategories', 0]);
    expect(issues?.[0]?.message).toBe('支援内容の分類を一覧から選んでください');
  });

  it('read the survey methods 同行, 電子メール and 関係機関 beside the old ones', () => {
    for (const channel of ['accompany', 'email', 'agency_liaison', 'outreach', 'visit']) {
      expect(ConsultationInput.safeParse({ ...consultation(30), channel }).success, channel).toBe(true);
    }
  });
});

describe('a service staff meeting record (会議録)', () => {
  const meeting = (overrides: Record<string, unknown> = {}) => ({
    heldOn: '令和8年4月1日',
    attendees: [{ name: '本人' }],
    ...overrides,
  });

  it('reads 開催場所, 開催時間 (full-width too) and 検討した項目, and old-style bodies still parse', () => {
    expect(
      MeetingInput.parse(
        meeting({
          place: ' 自宅 ',
          startTime: '９：３０',
          endTime: '10:45',
          agenda: '計画案の確認',
          planVersion: 2,
        }),
      ),
    ).toMatchObject({
      place: '自宅',
      startTime: '09:30',
      endTime: '10:45',
      agenda: '計画案の確認',
      planVersion: 2,
    });
    expect(MeetingInput.parse(meeting())).toMatchObject({ place: '', agenda: '' });
  });

  it.each([
    [{ startTime: '25:00' }, 'startTime', '時刻は「14:00」のように0:00から23:59までで入力してください'],
    [{ startTime: '14時' }, 'startTime', '時刻は「14:00」のように0:00から23:59までで入力してください'],
    [{ startTime: '14:00', endTime: '13:30' }, 'endTime', '終了時刻は開始時刻より後にしてください'],
    [{ endTime: '13:30' }, 'startTime', '終了時刻を入れるときは開始時刻も入力してください'],
    [{ planVersion: 0 }, 'planVersion', '計画の版は1以上で指定してください'],
    [{ place: 'あ'.repeat(101) }, 'place', '100文字以内で入力してください'],
  ])('refuses %j at its field with a Japanese message', (overrides, field, message) => {
    expect(MeetingInput.safeParse(meeting(overrides)).error?.issues).toEqual([
      expect.objectContaining({ path: [field], message }),
    ]);
  });
});
