import {
  MAX_COUNCIL_SESSION_CASES,
  type FieldError,
  type MemberMunicipality,
  type Office,
  type SeniorSpecialist,
} from '@kikan/shared';
import type { LedgerEventRecord } from '../data/ledger-store.ts';
import { isCouncilSession } from '../consent/council-consent.ts';

/** The checks an event or a roster entry must pass against the tenant, as pure functions. */

export interface LedgerDirectory {
  today: string;
  offices: Pick<Office, 'officeId' | 'municipalityCode'>[];
  members: Pick<MemberMunicipality, 'code'>[];
  /** The core center's own office: the event's municipality when no office took part. */
  keeperOfficeId: string;
}

/**
 * The member municipality an event counts for when none is given: that of the first office taking
 * part (the visited office), else the core center's, else the tenant's first member.
 */
export const defaultMunicipality = (officeIds: readonly string[], directory: LedgerDirectory): string => {
  const officeOf = (officeId: string | undefined) =>
    directory.offices.find((office) => office.officeId === officeId);
  return (
    officeOf(officeIds[0])?.municipalityCode ??
    officeOf(directory.keeperOfficeId)?.municipalityCode ??
    directory.members[0]?.code ??
    ''
  );
};

type EventFields = Pick<LedgerEventRecord, 'kind' | 'heldOn' | 'officeIds' | 'municipalityCode' | 'caseIds'>;

export const ledgerEventProblems = (
  event: EventFields,
  directory: LedgerDirectory,
  existingCaseIds: ReadonlySet<string>,
): FieldError[] => {
  const errors: FieldError[] = [];
  if (event.heldOn > directory.today) {
    errors.push({ field: 'body.heldOn', message: '開催日に未来の日付は指定できません' });
  }
  const officeIds = new Set(directory.offices.map((office) => office.officeId));
  event.officeIds.forEach((officeId, index) => {
    if (!officeIds.has(officeId)) {
      errors.push({ field: `body.officeIds.${index}`, message: 'このテナントの事業所を選んでください' });
    }
  });
  if (event.kind === 'advice_visit' && event.officeIds.length === 0) {
    errors.push({ field: 'body.officeIds', message: '訪問先の事業所を1つ以上選んでください' });
  }
  if (!directory.members.some((member) => member.code === event.municipalityCode)) {
    errors.push({ field: 'body.municipalityCode', message: 'このテナントの市町村を選んでください' });
  }
  event.caseIds.forEach((caseId, index) => {
    if (!existingCaseIds.has(caseId)) {
      errors.push({ field: `body.caseIds.${index}`, message: '指定された事例が見つかりません' });
    }
  });
  if (isCouncilSession(event.kind) && event.caseIds.length > MAX_COUNCIL_SESSION_CASES) {
    errors.push({
      field: 'body.caseIds',
      message: `協議会・部会の記録に紐づける事例は${MAX_COUNCIL_SESSION_CASES}件までです`,
    });
  }
  return errors;
};

type RosterPeriod = Pick<SeniorSpecialist, 'officeId' | 'userId' | 'name' | 'certifiedOn' | 'endedOn'>;

export const seniorPeriodProblems = (entry: RosterPeriod): FieldError[] =>
  entry.endedOn !== undefined && entry.endedOn < entry.certifiedOn
    ? [{ field: 'body.endedOn', message: '終了日は認定日以降の日付にしてください' }]
    : [];

const samePerson = (a: RosterPeriod, b: RosterPeriod) =>
  a.officeId === b.officeId && (a.userId !== undefined ? a.userId === b.userId : a.name === b.name);

/** Two periods of one person at one office must not overlap, or a year-end count counts them twice. */
export const overlapsRoster = (entry: RosterPeriod, roster: readonly RosterPeriod[]): boolean =>
  roster.some(
    (other) =>
      samePerson(entry, other) &&
      entry.certifiedOn <= (other.endedOn ?? '9999-12-31') &&
      other.certifiedOn <= (entry.endedOn ?? '9999-12-31'),
  );
