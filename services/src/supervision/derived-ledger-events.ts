import {
  SUPERVISION_KIND_LABELS,
  type Office,
  type Supervision,
  type SupportMeeting,
  type User,
} from '@kikan/shared';
import type { LedgerEventRecord } from '../data/ledger-store.ts';

/**
 * Which records produce which ledger event (ADR 0027), as pure functions. The event takes the
 * record's id as its own, so a record has at most one event and finding it costs one GetItem.
 * Nothing free-typed is copied: topics, summaries and agency names stay in the record (the ledger
 * is aggregate data, and its copies are read by every office that took part).
 */

export interface DerivationDirectory {
  offices: readonly Pick<Office, 'officeId' | 'type' | 'municipalityCode'>[];
  users: readonly Pick<User, 'userId' | 'officeId'>[];
}

/** Who writes the event now, and — for a correction — the event as it stood. */
export interface DerivationStamp {
  at: string;
  userId: string;
  previous: LedgerEventRecord | null;
}

const stamped = (
  fields: Omit<LedgerEventRecord, 'version' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>,
  { at, userId, previous }: DerivationStamp,
): LedgerEventRecord => ({
  ...fields,
  version: previous ? previous.version + 1 : 1,
  createdAt: previous?.createdAt ?? at,
  createdBy: previous?.createdBy ?? userId,
  updatedAt: at,
  updatedBy: userId,
});

type OfficeDirectory = Pick<DerivationDirectory, 'offices'>;

const municipalityOf = (officeId: string, directory: OfficeDirectory): string =>
  directory.offices.find((office) => office.officeId === officeId)?.municipalityCode ?? '';

const isCoreCenter = (officeId: string, directory: OfficeDirectory) =>
  directory.offices.some((office) => office.officeId === officeId && office.type === 'core_center');

/**
 * 訪問等による専門的な指導・助言 counts the core center's advice to the offices of the area: a
 * supervision counts once, for the offices of the specialists supervised. Supervising the core
 * center's own staff advises no office, so such a supervision produces no event.
 */
export const supervisionOffices = (
  specialistUserIds: readonly string[],
  directory: DerivationDirectory,
): string[] => {
  const offices = specialistUserIds.flatMap(
    (userId) => directory.users.find((user) => user.userId === userId)?.officeId ?? [],
  );
  return [...new Set(offices)].filter((officeId) => !isCoreCenter(officeId, directory));
};

export const supervisionLedgerEvent = (
  supervision: Pick<Supervision, 'supervisionId' | 'kind' | 'heldOn' | 'specialistUserIds'>,
  directory: DerivationDirectory,
  stamp: DerivationStamp,
): LedgerEventRecord | null => {
  const officeIds = supervisionOffices(supervision.specialistUserIds, directory);
  const [visited] = officeIds;
  if (visited === undefined) return null;
  const advised = supervision.specialistUserIds.filter((userId) =>
    officeIds.includes(directory.users.find((user) => user.userId === userId)?.officeId ?? ''),
  );
  return stamped(
    {
      eventId: supervision.supervisionId,
      kind: 'advice_visit',
      heldOn: supervision.heldOn,
      title: SUPERVISION_KIND_LABELS[supervision.kind],
      officeIds,
      organisations: [],
      unnamedOrganisationCount: 0,
      participantCount: advised.length,
      municipalityCode: municipalityOf(visited, directory),
      caseIds: [],
      notes: '',
      source: { kind: 'supervision', id: supervision.supervisionId },
    },
    stamp,
  );
};

export const SUPPORT_MEETING_EVENT_TITLE = '困難事例の支援会議';

/**
 * A support meeting is held only on a difficult case the core center accepted, so each one is the
 * core center's 個別事例の支援内容の検証 of that case: the office holding the case took part (its
 * participation record), the agencies are counted, not named, and the case is linked (a count).
 */
export const supportMeetingLedgerEvent = (
  meeting: Pick<SupportMeeting, 'meetingId' | 'caseId' | 'heldOn' | 'agencies'>,
  caseOfficeId: string,
  directory: OfficeDirectory,
  stamp: DerivationStamp,
): LedgerEventRecord => {
  const officeIds = isCoreCenter(caseOfficeId, directory) ? [] : [caseOfficeId];
  return stamped(
    {
      eventId: meeting.meetingId,
      kind: 'case_review',
      heldOn: meeting.heldOn,
      title: SUPPORT_MEETING_EVENT_TITLE,
      officeIds,
      organisations: [],
      unnamedOrganisationCount: meeting.agencies.length,
      participantCount: meeting.agencies.length,
      municipalityCode: municipalityOf(caseOfficeId, directory),
      caseIds: [meeting.caseId],
      notes: '',
      source: { kind: 'support_meeting', id: meeting.meetingId },
    },
    stamp,
  );
};
