import {
  NewStaffMember,
  OtherMembershipInput,
  ROLES,
  ROLE_LABELS,
  UserMembershipChange,
  type StaffMember,
} from '@kikan/shared';
import { checkInput, optionsOf, type FormCheck } from '#lib/forms.ts';

/** Every role as an option of the role select, in the shared order. */
export const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);

/** 相談支援専門員（主任・数値確認者・兼務） */
export const roleLabelOf = (
  member: Pick<StaffMember, 'role' | 'senior' | 'confirmsFigures' | 'firstOfficeId'>,
): string => {
  const notes = [
    ...(member.senior ? ['主任'] : []),
    ...(member.confirmsFigures ? ['数値確認者'] : []),
    ...(member.firstOfficeId ? ['兼務'] : []),
  ];
  return `${ROLE_LABELS[member.role]}${notes.length ? `（${notes.join('・')}）` : ''}`;
};

export const CONFIRMS_FIGURES_LABEL = '数値確認者（事業所の年度の統計数値を確認する）';
export const CONFIRMS_FIGURES_HINT =
  '管理者のいない事業所では、指定した相談支援専門員が事業所の数値を確認します。相談支援専門員のみ指定できます。';

/** The API refuses an admin's change or removal of themselves (409); the page says so before. */
export const SELF_NOTE = 'ご自身の所属・役割の変更や利用停止はできません。別の管理者に依頼してください。';

export const MEMBERSHIP_UNCHANGED = '所属事業所・役割・数値確認者のいずれかを変更してください';

export interface MembershipValues {
  officeId: string;
  role: string;
  confirmsFigures: boolean;
}

/** The membership form's values before anything is chosen: the user's membership as it is. */
export const membershipValuesOf = (member: StaffMember): MembershipValues => ({
  officeId: member.officeId,
  role: member.role,
  confirmsFigures: member.confirmsFigures,
});

/**
 * The membership form checked with the schema the API validates with; sending the user's current
 * office and role again would end their sessions for nothing, so an unchanged form is an error.
 */
export const checkMembershipChange = (
  member: StaffMember,
  values: MembershipValues,
): FormCheck<UserMembershipChange> => {
  const check = checkInput(UserMembershipChange, values);
  if (!check.ok) return check;
  if (
    check.input.officeId === member.officeId &&
    check.input.role === member.role &&
    (check.input.confirmsFigures === true) === member.confirmsFigures
  ) {
    return { ok: false, errors: {}, general: [MEMBERSHIP_UNCHANGED] };
  }
  return check;
};

export interface ChangeLine {
  label: string;
  from: string;
  to: string;
  changed: boolean;
}

/** What the confirmation lists: office and role, before and after. */
export const changeLinesOf = (
  member: StaffMember,
  change: UserMembershipChange,
  officeName: (officeId: string) => string,
): ChangeLine[] => [
  {
    label: '所属事業所',
    from: officeName(member.officeId),
    to: officeName(change.officeId),
    changed: change.officeId !== member.officeId,
  },
  {
    label: '役割',
    from: ROLE_LABELS[member.role],
    to: ROLE_LABELS[change.role],
    changed: change.role !== member.role,
  },
  {
    label: '数値確認者',
    from: member.confirmsFigures ? '指定あり' : '指定なし',
    to: change.confirmsFigures ? '指定あり' : '指定なし',
    changed: (change.confirmsFigures === true) !== member.confirmsFigures,
  },
];

/** What the page announces after a change: what changed, and that the user's sessions ended. */
export const membershipChangedMessage = (
  displayName: string,
  change: UserMembershipChange,
  member: StaffMember,
  officeName: (officeId: string) => string,
): string => {
  const parts: string[] = [];
  if (change.officeId !== member.officeId) parts.push(`所属を「${officeName(change.officeId)}」`);
  if (change.role !== member.role) parts.push(`役割を「${ROLE_LABELS[change.role]}」`);
  if ((change.confirmsFigures === true) !== member.confirmsFigures) {
    parts.push(`数値確認者を「${change.confirmsFigures ? '指定あり' : '指定なし'}」`);
  }
  return `${displayName}さんの${parts.join('、')}に変更しました。${displayName}さんの現在のログインは無効になりました。`;
};

export const removedMessage = (displayName: string): string =>
  `${displayName}さんを利用停止にしました。${displayName}さんの現在のログインは無効になりました。`;

/** The add form's labels: the error summary names each field by them. */
export const NEW_STAFF_LABELS: Record<string, string> = {
  displayName: '氏名',
  email: 'メールアドレス',
  officeId: '所属事業所',
  role: '役割',
  senior: '主任相談支援専門員',
  confirmsFigures: '数値確認者',
};

export const EMAIL_HINT =
  'ログインに使うアドレスです。招待メールと仮パスワードがこのアドレスに届きます（ローカル環境ではログイン画面にすぐ表示されます）。';

export interface NewStaffValues {
  displayName: string;
  email: string;
  officeId: string;
  role: string;
  senior: boolean;
  confirmsFigures: boolean;
}

export const emptyStaffForm = (): NewStaffValues => ({
  displayName: '',
  email: '',
  officeId: '',
  role: '',
  senior: false,
  confirmsFigures: false,
});

/** The add form checked with the schema the API validates with (full-width letters read as ASCII). */
export const checkNewStaff = (values: NewStaffValues): FormCheck<NewStaffMember> =>
  checkInput(NewStaffMember, {
    displayName: values.displayName.trim(),
    email: values.email,
    officeId: values.officeId || undefined,
    role: values.role || undefined,
    senior: values.senior,
    ...(values.confirmsFigures ? { confirmsFigures: true } : {}),
  });

export const staffAddedMessage = (member: StaffMember, officeName: string): string =>
  `${member.displayName}さんを「${officeName}」の${ROLE_LABELS[member.role]}として追加しました。招待メールでログインの案内が届きます。`;

/**
 * A part-timer's second office (兼務, ADR 0033) as the staff lists show it: the office whose list has
 * the member with `firstOfficeId` set. Null: they work for one office.
 */
export const secondOfficeOf = (
  groups: readonly { office: { officeId: string }; staff: readonly StaffMember[] }[],
  userId: string,
): string | null =>
  groups.find(({ staff }) => staff.some((member) => member.userId === userId && member.firstOfficeId))?.office
    .officeId ?? null;

export const OTHER_MEMBERSHIP_LABELS: Record<string, string> = {
  otherOfficeId: '兼務先の事業所',
  otherRole: '兼務先での役割',
};

export interface OtherMembershipValues {
  otherOfficeId: string;
  otherRole: string;
}

/** The 兼務 form: an office other than the member's first, and a role there. */
export const checkOtherMembership = (
  values: OtherMembershipValues,
): FormCheck<{ officeId: string; role: OtherMembershipInput['role'] }> => {
  const errors: Record<string, string> = {};
  if (!values.otherOfficeId) errors.otherOfficeId = '兼務先の事業所を選んでください';
  const role = OtherMembershipInput.safeParse({ role: values.otherRole || undefined });
  if (!role.success) errors.otherRole = '兼務先での役割を選んでください';
  if (!role.success || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { officeId: values.otherOfficeId, role: role.data.role } };
};

export const otherMembershipAddedMessage = (displayName: string, officeName: string): string =>
  `${displayName}さんに「${officeName}」の兼務を追加しました。${displayName}さんの現在のログインは無効になりました。次のログインから事業所を選べます。`;

export const otherMembershipRemovedMessage = (displayName: string, officeName: string): string =>
  `${displayName}さんの「${officeName}」の兼務を解除しました。${displayName}さんの現在のログインは無効になりました。`;
