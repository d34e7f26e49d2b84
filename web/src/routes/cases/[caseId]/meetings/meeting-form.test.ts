import { describe, expect, it } from 'vitest';
import { checkMeetingForm, emptyMeetingForm, meetingInputLabel, toMeetingBody } from './meeting-form.ts';

const keys = () => {
  let counter = 0;
  return () => `k${++counter}`;
};
const host = { name: '佐藤 美咲', organisation: 'ひまわり' };

describe('meeting form', () => {
  it('starts with the host as the first attendee, the specialist', () => {
    const values = emptyMeetingForm('2026-05-10', host, keys());

    expect(values.attendees[0]).toMatchObject({
      name: '佐藤 美咲',
      organisation: 'ひまわり',
      role: '相談支援専門員',
    });
  });

  it('leaves spare empty rows out and sends unsolved items one per line', () => {
    const values = emptyMeetingForm('2026-05-10', host, keys());
    values.unsolvedItems = '短期入所の空きがない\n\n医療的ケアに対応する日中活動がない';

    const body = toMeetingBody(values);

    expect(body.attendees).toHaveLength(1);
    expect(body.assignments).toEqual([]);
    expect(body.unsolvedItems).toEqual(['短期入所の空きがない', '医療的ケアに対応する日中活動がない']);
  });

  it('checks a half-filled role assignment: what and by when are required', () => {
    const values = emptyMeetingForm('2026-05-10', host, keys());
    const first = values.assignments[0];
    if (!first) throw new Error('fixture has a row');
    first.who = '母';

    const check = checkMeetingForm(values);

    expect(check.ok === false && check.errors).toMatchObject({
      'assignments.0.what': '入力してください',
      'assignments.0.dueOn': expect.any(String),
    });
  });

  it('requires at least one attendee', () => {
    const values = emptyMeetingForm('2026-05-10', { name: '', organisation: '' }, keys());
    values.attendees = values.attendees.map((row) => ({ ...row, role: '' }));

    const check = checkMeetingForm(values);

    expect(check.ok === false && check.errors.attendees).toBe('出席者を1人以上入力してください');
  });

  it('accepts a complete meeting with a concrete role assignment', () => {
    const values = emptyMeetingForm('2026-05-10', host, keys());
    values.assignments = [
      { key: 'a', who: '母', organisation: '', what: '通所先の見学に同行する', dueOn: '2026-05-31' },
    ];

    const check = checkMeetingForm(values);

    expect(check.ok && check.input.assignments).toEqual([
      { who: '母', organisation: '', what: '通所先の見学に同行する', dueOn: '2026-05-31' },
    ]);
  });

  it('labels row inputs for the error summary', () => {
    expect(meetingInputLabel('assignments.0.dueOn')).toBe('役割分担1：いつまでに');
    expect(meetingInputLabel('attendees.2.name')).toBe('出席者3：氏名');
  });

  it('sends 開催時間 only when written, and the plan version discussed as a number', () => {
    const values = emptyMeetingForm('2026-05-10', host, keys());
    values.place = 'ひまわり相談室';
    values.startTime = ' ';
    values.planVersion = '2';
    values.agenda = '計画案の確認';

    const body = toMeetingBody(values);

    expect(body).toMatchObject({ place: 'ひまわり相談室', planVersion: 2, agenda: '計画案の確認' });
    expect(body.startTime).toBeUndefined();
    expect(emptyMeetingForm('2026-05-10', host, keys()).planVersion).toBe('');
    expect(toMeetingBody(emptyMeetingForm('2026-05-10', host, keys())).planVersion).toBeUndefined();
  });

  it('names the 会議録 fields in its errors', () => {
    const values = emptyMeetingForm('2026-05-10', host, keys());
    values.startTime = '15:00';
    values.endTime = '14:00';

    const check = checkMeetingForm(values);

    expect(check.ok === false && check.errors).toMatchObject({
      endTime: '終了時刻は開始時刻より後にしてください',
    });
    expect(meetingInputLabel('endTime')).toBe('終了時刻');
    expect(meetingInputLabel('agenda')).toBe('検討した項目');
  });
});
