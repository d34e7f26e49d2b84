import { describe, expect, it } from 'vitest';
import {
  EMERGENCY_NOT_CONFIRMED_MESSAGE,
  NO_CONSENT_BLOCKED_MESSAGE,
  checkEscalateForm,
  checkFlagForm,
  checkSupportMeetingForm,
  emptyEscalateForm,
  emptySupportMeeting,
  escalationPath,
  supportMeetingLabel,
  toEscalateBody,
} from './difficulty-form.ts';

const keys = () => {
  let counter = 0;
  return () => `k${++counter}`;
};

describe('escalation paths', () => {
  it('escalates on the consent when the person consented to sharing with the core center', () => {
    expect(escalationPath(true, ['eighty_fifty'])).toBe('consent');
    expect(escalationPath(true, ['abuse'])).toBe('consent');
  });

  it('offers the emergency path without consent only for a case of abuse', () => {
    expect(escalationPath(false, ['abuse', 'poverty'])).toBe('emergency');
    expect(escalationPath(false, ['poverty', 'hikikomori'])).toBe('blocked');
  });
});

describe('escalation form', () => {
  const filled = { ...emptyEscalateForm(), reason: '母の介護と本人の支援が重なり、関係機関の調整が必要' };

  it('sends only the reason on the consent path, even if the emergency box was ticked', () => {
    const values = { ...filled, emergency: true, emergencyReason: '…' };

    expect(toEscalateBody(values, 'consent')).toEqual({ reason: filled.reason });
    expect(checkEscalateForm(values, 'consent')).toEqual({ ok: true, input: { reason: filled.reason } });
  });

  it('refuses to send without consent for a case that is not abuse, saying consent comes first', () => {
    const check = checkEscalateForm(filled, 'blocked');

    expect(check.ok).toBe(false);
    expect(check.ok === false && check.general).toEqual([NO_CONSENT_BLOCKED_MESSAGE]);
  });

  it('asks the office to confirm the emergency before sharing an abuse case without consent', () => {
    const check = checkEscalateForm(filled, 'emergency');

    expect(check.ok === false && check.errors.emergency).toBe(EMERGENCY_NOT_CONFIRMED_MESSAGE);
  });

  it('requires the emergency reason once the emergency is confirmed', () => {
    const check = checkEscalateForm({ ...filled, emergency: true }, 'emergency');

    expect(check.ok === false && check.errors['emergency.reason']).toBe('入力してください');
  });

  it('sends the emergency with its reason on the emergency path', () => {
    const values = {
      ...filled,
      emergency: true,
      emergencyReason: '本人に打撲の跡があり、家族からの暴言がある',
    };

    const check = checkEscalateForm(values, 'emergency');

    expect(check).toEqual({
      ok: true,
      input: { reason: filled.reason, emergency: { reason: '本人に打撲の跡があり、家族からの暴言がある' } },
    });
  });

  it('requires the reason on every path', () => {
    const check = checkEscalateForm(emptyEscalateForm(), 'consent');

    expect(check.ok === false && check.errors.reason).toBe('入力してください');
  });
});

describe('flag form', () => {
  it('requires at least one category', () => {
    const check = checkFlagForm({ categories: [], note: '' });

    expect(check.ok === false && check.errors.categories).toBe('分類を1つ以上選んでください');
  });

  it('accepts categories with an optional note', () => {
    expect(checkFlagForm({ categories: ['abuse', 'eighty_fifty'], note: '' })).toEqual({
      ok: true,
      input: { categories: ['abuse', 'eighty_fifty'], note: '' },
    });
  });
});

describe('support meeting form', () => {
  it('leaves spare rows out and needs one agency with what it contributes', () => {
    const values = emptySupportMeeting('2026-11-20', keys());
    values.nextReviewOn = '2026-12-20';

    const check = checkSupportMeetingForm(values);

    expect(check.ok === false && check.errors.agencies).toBe('参加した機関を1つ以上入力してください');
  });

  it('checks a half-filled agency row: its contribution is required', () => {
    const values = emptySupportMeeting('2026-11-20', keys());
    values.nextReviewOn = '2026-12-20';
    const first = values.agencies[0];
    if (!first) throw new Error('fixture has a row');
    first.name = '地域包括支援センター';

    const check = checkSupportMeetingForm(values);

    expect(check.ok === false && check.errors['agencies.0.contribution']).toBe('入力してください');
  });

  it('refuses a review date on or before the meeting', () => {
    const values = emptySupportMeeting('2026-11-20', keys());
    values.agencies = [{ key: 'a', name: '社会福祉協議会', contribution: '家計の相談を週1回' }];
    values.nextReviewOn = '2026-11-20';

    const check = checkSupportMeetingForm(values);

    expect(check.ok === false && check.errors.nextReviewOn).toBe(
      '次回の見直し日は開催日より後にしてください',
    );
  });

  it('sends agencies with their contributions and roles with due dates', () => {
    const values = emptySupportMeeting('2026-11-20', keys());
    values.agencies = [{ key: 'a', name: '社会福祉協議会', contribution: '家計の相談を週1回' }];
    values.assignments = [{ key: 'r', who: '基幹 高橋', what: '病院との調整', dueOn: '2026-12-05' }];
    values.nextReviewOn = '2026-12-20';

    const check = checkSupportMeetingForm(values);

    expect(check.ok && check.input).toMatchObject({
      agencies: [{ name: '社会福祉協議会', contribution: '家計の相談を週1回' }],
      assignments: [{ who: '基幹 高橋', what: '病院との調整', dueOn: '2026-12-05' }],
      nextReviewOn: '2026-12-20',
    });
  });

  it('labels row inputs for the error summary', () => {
    expect(supportMeetingLabel('agencies.1.contribution')).toBe('参加機関2：できること（担う役割）');
    expect(supportMeetingLabel('assignments.0.dueOn')).toBe('役割分担1：いつまでに');
  });
});
