import type { StaffMember } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  MEMBERSHIP_UNCHANGED,
  ROLE_OPTIONS,
  changeLinesOf,
  checkMembershipChange,
  checkNewStaff,
  checkOtherMembership,
  emptyStaffForm,
  secondOfficeOf,
  membershipChangedMessage,
  membershipValuesOf,
  removedMessage,
  roleLabelOf,
} from './users-view.ts';

const kobayashi: StaffMember = {
  userId: 'user-kobayashi',
  displayName: '小林 大輔',
  role: 'specialist',
  officeId: 'midori',
  senior: false,
  confirmsFigures: false,
};

const OFFICES: Record<string, string> = {
  midori: '地域移行支援センターみどり',
  aozora: '相談支援事業所あおぞら',
};
const officeName = (officeId: string) => OFFICES[officeId] ?? officeId;

describe('membership form', () => {
  it('starts from the user’s office, role and designation', () => {
    expect(membershipValuesOf(kobayashi)).toEqual({
      officeId: 'midori',
      role: 'specialist',
      confirmsFigures: false,
    });
  });

  it('offers every role with its Japanese label, in the shared order', () => {
    expect(ROLE_OPTIONS.map((option) => option.label)).toEqual([
      '相談支援専門員',
      '事業所管理者',
      '基幹相談支援センター職員',
      '市町村障害福祉課',
      '市町村ケースワーカー',
      'システム管理者',
    ]);
  });

  it('refuses an unchanged form: sending it would end the user’s sessions for nothing', () => {
    expect(checkMembershipChange(kobayashi, membershipValuesOf(kobayashi))).toEqual({
      ok: false,
      errors: {},
      general: [MEMBERSHIP_UNCHANGED],
    });
  });

  it('accepts a move to another office, a role change, or both', () => {
    expect(
      checkMembershipChange(kobayashi, { officeId: 'aozora', role: 'specialist', confirmsFigures: false }),
    ).toEqual({
      ok: true,
      input: { officeId: 'aozora', role: 'specialist', confirmsFigures: false },
    });
    expect(
      checkMembershipChange(kobayashi, {
        officeId: 'midori',
        role: 'office_manager',
        confirmsFigures: false,
      }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      checkMembershipChange(kobayashi, {
        officeId: 'aozora',
        role: 'office_manager',
        confirmsFigures: false,
      }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('puts a missing or unknown value on its select, with a Japanese message', () => {
    const check = checkMembershipChange(kobayashi, { officeId: '', role: 'boss', confirmsFigures: false });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(['officeId', 'role']);
    expect(check.errors.role).toBe('選択肢から選んでください');
    expect(check.errors.officeId).toMatch(/[ぁ-んァ-ン一-龥]/);
  });
});

describe('confirmation and outcome', () => {
  it('lists office and role before and after, marking what changes', () => {
    expect(changeLinesOf(kobayashi, { officeId: 'aozora', role: 'specialist' }, officeName)).toEqual([
      {
        label: '所属事業所',
        from: '地域移行支援センターみどり',
        to: '相談支援事業所あおぞら',
        changed: true,
      },
      { label: '役割', from: '相談支援専門員', to: '相談支援専門員', changed: false },
      { label: '数値確認者', from: '指定なし', to: '指定なし', changed: false },
    ]);
  });

  it('names a specialist to confirm the office figures, and refuses it for any other role', () => {
    const named = checkMembershipChange(kobayashi, {
      officeId: 'midori',
      role: 'specialist',
      confirmsFigures: true,
    });
    expect(named).toEqual({
      ok: true,
      input: { officeId: 'midori', role: 'specialist', confirmsFigures: true },
    });
    expect(
      membershipChangedMessage(
        '小林 大輔',
        { officeId: 'midori', role: 'specialist', confirmsFigures: true },
        kobayashi,
        officeName,
      ),
    ).toContain('数値確認者を「指定あり」に変更しました');
    const manager = checkMembershipChange(kobayashi, {
      officeId: 'midori',
      role: 'office_manager',
      confirmsFigures: true,
    });
    expect(manager.ok).toBe(false);
    if (manager.ok) return;
    expect(manager.errors.confirmsFigures).toMatch(/相談支援専門員のみ/);
  });

  it('says what changed and that the user’s current login ended', () => {
    expect(
      membershipChangedMessage(
        '小林 大輔',
        { officeId: 'aozora', role: 'specialist' },
        kobayashi,
        officeName,
      ),
    ).toBe(
      '小林 大輔さんの所属を「相談支援事業所あおぞら」に変更しました。小林 大輔さんの現在のログインは無効になりました。',
    );
    expect(
      membershipChangedMessage(
        '小林 大輔',
        { officeId: 'aozora', role: 'office_manager' },
        kobayashi,
        officeName,
      ),
    ).toContain('所属を「相談支援事業所あおぞら」、役割を「事業所管理者」に変更しました。');
    expect(removedMessage('小林 大輔')).toContain('利用停止にしました');
  });

  it('labels a senior specialist and a named confirmer of the figures', () => {
    expect(roleLabelOf(kobayashi)).toBe('相談支援専門員');
    expect(roleLabelOf({ ...kobayashi, senior: true })).toBe('相談支援専門員（主任）');
    expect(roleLabelOf({ ...kobayashi, senior: true, confirmsFigures: true })).toBe(
      '相談支援専門員（主任・数値確認者）',
    );
  });
});

describe('the add-staff form', () => {
  it('sends what the API takes: the e-mail trimmed, lower-cased and full-width letters read as ASCII', () => {
    const check = checkNewStaff({
      ...emptyStaffForm(),
      displayName: ' 高橋 花子 ',
      email: ' Ｔａｋａｈａｓｈｉ@Kibou.example ',
      officeId: 'aozora',
      role: 'specialist',
      senior: true,
    });

    expect(check).toEqual({
      ok: true,
      input: {
        displayName: '高橋 花子',
        email: 'takahashi@kibou.example',
        officeId: 'aozora',
        role: 'specialist',
        senior: true,
      },
    });
  });

  it('an empty form names each required field; a malformed e-mail is an error on its field', () => {
    const empty = checkNewStaff(emptyStaffForm());
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect(Object.keys(empty.errors).sort()).toEqual(['displayName', 'email', 'officeId', 'role']);

    const malformed = checkNewStaff({
      ...emptyStaffForm(),
      displayName: '高橋 花子',
      email: 'takahashi@',
      officeId: 'aozora',
      role: 'specialist',
    });
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) expect(Object.keys(malformed.errors)).toEqual(['email']);
  });

  it('数値確認者 only for a specialist, as the membership change', () => {
    const check = checkNewStaff({
      ...emptyStaffForm(),
      displayName: '高橋 花子',
      email: 'takahashi@kibou.example',
      officeId: 'aozora',
      role: 'office_manager',
      confirmsFigures: true,
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(Object.keys(check.errors)).toEqual(['confirmsFigures']);
  });
});

describe('兼務 (a second office, ADR 0033)', () => {
  const partTimer: StaffMember = { ...kobayashi, officeId: 'aozora', firstOfficeId: 'midori' };
  const groups = [
    { office: { officeId: 'midori' }, staff: [kobayashi] },
    { office: { officeId: 'aozora' }, staff: [partTimer] },
  ];

  it('finds the second office on the list that marks the member with their first office', () => {
    expect(secondOfficeOf(groups, 'user-kobayashi')).toBe('aozora');
    expect(
      secondOfficeOf([groups[0] ?? { office: { officeId: 'x' }, staff: [] }], 'user-kobayashi'),
    ).toBeNull();
  });

  it('labels the second office’s row as 兼務', () => {
    expect(roleLabelOf(partTimer)).toBe('相談支援専門員（兼務）');
  });

  it('needs an office and a role', () => {
    expect(checkOtherMembership({ otherOfficeId: '', otherRole: '' })).toEqual({
      ok: false,
      errors: {
        otherOfficeId: '兼務先の事業所を選んでください',
        otherRole: '兼務先での役割を選んでください',
      },
    });
    expect(checkOtherMembership({ otherOfficeId: 'aozora', otherRole: 'office_manager' })).toEqual({
      ok: true,
      input: { officeId: 'aozora', role: 'office_manager' },
    });
  });
});
