import {
  AUDIT_ACTION_LABELS,
  AUDIT_RECORD_TYPE_LABELS,
  AuditExportQuery,
  type AuditEntryView,
  type AuditMembershipView,
  type AuditStaffMember,
} from '@kikan/shared/audit-api';
import { ROLE_LABELS, USER_STATUS_LABELS, addDays, type Office } from '@kikan/shared';
import { ApiError } from '#lib/api.ts';
import { safeFilename } from '#lib/download.ts';
import { checkInput, type FormCheck } from '#lib/forms.ts';

const timeFormatter = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const dayFormatter = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
});

/** 14:05:09 in Japan time: the period is a span of days in Japan, whatever the browser's zone. */
export const japanTimeOf = (timestamp: string): string => timeFormatter.format(new Date(timestamp));

/** 11/22(土) in Japan: the day of an entry, beside its time. */
export const japanDayOf = (timestamp: string): string => dayFormatter.format(new Date(timestamp));

/** The action in Japanese; an action written by a newer feature shows as it is rather than not at all. */
export const actionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

export const recordTypeLabel = (recordType: string): string =>
  AUDIT_RECORD_TYPE_LABELS[recordType] ?? recordType;

/** Record types whose record is a case: one without a code left was deleted (retention). */
const CASE_RECORD_TYPES = new Set(['case', 'difficulty', 'legal_hold']);

/**
 * What the 記録 cell says beside the record type: the case code, whom an admin change was about,
 * or that the case is gone. Never a client's name — the admin sees none (the API sends none).
 */
export const recordSubject = (entry: AuditEntryView): string | null => {
  if (entry.caseCode) return `ケース番号 ${entry.caseCode}`;
  if (entry.targetUserName) return entry.targetUserName;
  if (CASE_RECORD_TYPES.has(entry.recordType)) return '削除されたケース';
  return null;
};

/** 地域移行支援センターみどり・相談支援専門員・利用中 */
export const membershipLabel = (membership: AuditMembershipView): string =>
  `${membership.officeName}・${ROLE_LABELS[membership.role]}・${USER_STATUS_LABELS[membership.status]}`;

/** The filters as the form holds them: text, '' for "not given". */
export interface AuditFilterValues {
  from: string;
  to: string;
  actorUserId: string;
  caseCode: string;
}

/** A week up to today: what the page shows before anything is chosen. */
export const defaultFilters = (today: string): AuditFilterValues => ({
  from: addDays(today, -6),
  to: today,
  actorUserId: '',
  caseCode: '',
});

/** The filters from the address (the form submits by GET): anything missing takes its default. */
export const filtersFromQuery = (params: Pick<URLSearchParams, 'get'>, today: string): AuditFilterValues => {
  const defaults = defaultFilters(today);
  return {
    from: params.get('from') ?? defaults.from,
    to: params.get('to') ?? defaults.to,
    actorUserId: params.get('actorUserId') ?? '',
    caseCode: params.get('caseCode') ?? '',
  };
};

/**
 * Case codes are read out over the phone or copied from another screen: full-width letters,
 * lower case and spaces around them are forgiven.
 */
export const normalizeCaseCode = (typed: string): string =>
  typed
    .normalize('NFKC')
    .replace(/[‐‑‒–—―ー−]/g, '-')
    .trim()
    .toUpperCase();

/** The filters checked with the API's own schema, as the query the page and the CSV are read with. */
export const checkFilters = (values: AuditFilterValues): FormCheck<AuditExportQuery> =>
  checkInput(AuditExportQuery, {
    from: values.from,
    to: values.to,
    ...(values.actorUserId ? { actorUserId: values.actorUserId } : {}),
    ...(values.caseCode.trim() ? { caseCode: normalizeCaseCode(values.caseCode) } : {}),
  });

/** The address of the page for these filters: what a bookmark or the back button brings back. */
export const queryOf = (
  query: AuditExportQuery,
): Pick<AuditExportQuery, 'from' | 'to'> & Record<string, string> => ({
  from: query.from,
  to: query.to,
  ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
  ...(query.caseCode ? { caseCode: query.caseCode } : {}),
});

/** The API names the query field (`query.caseCode`): the error belongs on that input. */
export const filterErrorsOf = (
  error: unknown,
): { byInput: Record<string, string>; general: string[] } | null => {
  if (!(error instanceof ApiError) || error.fields.length === 0) return null;
  const byInput: Record<string, string> = {};
  const general: string[] = [];
  for (const { field, message } of error.fields) {
    const input = field.startsWith('query.') ? field.slice('query.'.length) : '';
    if (['from', 'to', 'actorUserId', 'caseCode'].includes(input)) byInput[input] ??= message;
    else general.push(message);
  }
  return { byInput, general };
};

export interface StaffGroup {
  label: string;
  members: { userId: string; label: string }[];
}

/** The staff select, by office in the directory's order; removed staff stay, marked as such. */
export const staffGroups = (staff: readonly AuditStaffMember[], offices: readonly Office[]): StaffGroup[] => {
  const officeIds = [
    ...new Set([...offices.map((office) => office.officeId), ...staff.map((m) => m.officeId)]),
  ];
  const names = new Map(offices.map((office) => [office.officeId, office.name]));
  return officeIds
    .map((officeId) => ({
      label: names.get(officeId) ?? officeId,
      members: staff
        .filter((member) => member.officeId === officeId)
        .map((member) => ({
          userId: member.userId,
          label: `${member.displayName}（${ROLE_LABELS[member.role]}${member.status === 'removed' ? '・利用停止' : ''}）`,
        })),
    }))
    .filter((group) => group.members.length > 0);
};

/** 監査ログ_2026-11-01_2026-11-23.csv, when the server proposes no name. */
export const auditFilename = (from: string, to: string): string =>
  `${safeFilename('監査ログ', from, from === to ? '' : to)}.csv`;
