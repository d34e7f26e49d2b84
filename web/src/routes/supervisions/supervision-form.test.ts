import { describe, expect, it } from 'vitest';
import {
  checkSupervisionForm,
  emptySupervisionForm,
  followUpsInOrder,
  supervisionInputLabel,
  toSupervisionBody,
} from './supervision-form.ts';

const keys = () => {
  let counter = 0;
  return () => `k${++counter}`;
};

const filled = () => ({
  ...emptySupervisionForm('2026-11-10', keys()),
  kind: 'group' as const,
  specialistUserIds: ['user-sato', 'user-suzuki'],
  topics: 'アセスメントの深め方\n\n家族支援',
});

describe('supervision form', () => {
  it('sends topics one per line and leaves a spare follow-up row out', () => {
    const body = toSupervisionBody(filled());

    expect(body.topics).toEqual(['アセスメントの深め方', '家族支援']);
    expect(body.followUps).toEqual([]);
  });

  it('allows one specialist only in an individual supervision', () => {
    const check = checkSupervisionForm({ ...filled(), kind: 'individual' });

    expect(check.ok === false && check.errors.specialistUserIds).toBe('個別スーパービジョンの対象は1人です');
  });

  it('needs the form, a specialist and a topic', () => {
    const check = checkSupervisionForm(emptySupervisionForm('2026-11-10', keys()));

    expect(check.ok === false && Object.keys(check.errors).sort()).toEqual([
      'kind',
      'specialistUserIds',
      'topics',
    ]);
  });

  it('refuses a follow-up due before the supervision', () => {
    const values = filled();
    values.followUps = [{ key: 'f', what: '事例をまとめて再提出', who: '佐藤', dueOn: '2026-11-01' }];

    const check = checkSupervisionForm(values);

    expect(check.ok === false && check.errors.followUps).toBe(
      'フォローアップの期限は実施日以降にしてください',
    );
  });

  it('accepts a group supervision with a follow-up and linked shared cases', () => {
    const values = filled();
    values.caseIds = ['demo-kibougaoka-case-005'];
    values.followUps = [{ key: 'f', what: '事例をまとめて再提出', who: '', dueOn: '2026-12-01' }];

    const check = checkSupervisionForm(values);

    expect(check.ok && check.input).toMatchObject({
      kind: 'group',
      caseIds: ['demo-kibougaoka-case-005'],
      followUps: [{ what: '事例をまとめて再提出', who: '', dueOn: '2026-12-01' }],
    });
  });

  it('labels follow-up inputs for the error summary', () => {
    expect(supervisionInputLabel('followUps.1.dueOn')).toBe('フォローアップ2：期限');
  });

  it('lists open follow-ups first, earliest due first', () => {
    const ordered = followUpsInOrder([
      { id: 'done', dueOn: '2026-11-01', doneOn: '2026-11-05' },
      { id: 'late', dueOn: '2026-12-20' },
      { id: 'soon', dueOn: '2026-12-01' },
    ]);

    expect(ordered.map((followUp) => followUp.id)).toEqual(['soon', 'late', 'done']);
  });
});
