import {
  LEDGER_EVENT_KINDS,
  LEDGER_EVENT_KIND_LABELS,
  formatFiscalYear,
  formatJapaneseEraDate,
  type Office,
  type ParticipationEntry,
  type ParticipationGroup,
  type ParticipationRecord,
} from '@kikan/shared';
import type { LedgerEventCopy } from '../data/ledger-store.ts';

/** An office's participation record, from the copies of the events it took part in. Pure. */

const byDate = (a: ParticipationEntry, b: ParticipationEntry) =>
  a.heldOn.localeCompare(b.heldOn) || a.eventId.localeCompare(b.eventId);

export const toParticipationEntry = (copy: LedgerEventCopy): ParticipationEntry => ({
  eventId: copy.eventId,
  kind: copy.kind,
  heldOn: copy.heldOn,
  title: copy.title,
  organisations: copy.organisations,
  organisationCount: copy.organisations.length + copy.unnamedOrganisationCount,
  participantCount: copy.participantCount,
  linkedCaseCount: copy.linkedCaseCount,
  officeCount: copy.officeIds.length,
});

/** Every kind in the ledger's order, zero counts included: the evidence shows what did not happen too. */
export const groupParticipation = (copies: readonly LedgerEventCopy[]): ParticipationGroup[] =>
  LEDGER_EVENT_KINDS.map((kind) => {
    const events = copies
      .filter((copy) => copy.kind === kind)
      .map(toParticipationEntry)
      .sort(byDate);
    return { kind, label: LEDGER_EVENT_KIND_LABELS[kind], count: events.length, events };
  });

export const participationRecord = (
  office: Pick<Office, 'officeId' | 'name'>,
  fiscalYear: number,
  copies: readonly LedgerEventCopy[],
): ParticipationRecord => {
  const groups = groupParticipation(copies);
  return {
    officeId: office.officeId,
    officeName: office.name,
    fiscalYear,
    fiscalYearLabel: formatFiscalYear(fiscalYear),
    total: groups.reduce((sum, group) => sum + group.count, 0),
    groups,
  };
};

export const PARTICIPATION_CSV_HEADER = [
  '日付',
  '日付（和暦）',
  '種別',
  '名称',
  '参加事業所数',
  '参加機関数',
  '参加機関',
  '参加者数',
  '関連事例数',
] as const;

/** The CSV's rows in the JSON record's order: by kind, then by date. */
export const participationCsvRows = (record: ParticipationRecord): (string | number)[][] => [
  [...PARTICIPATION_CSV_HEADER],
  ...record.groups.flatMap((group) =>
    group.events.map((event) => [
      event.heldOn,
      formatJapaneseEraDate(event.heldOn),
      group.label,
      event.title,
      event.officeCount,
      event.organisationCount,
      event.organisations.join('、'),
      event.participantCount,
      event.linkedCaseCount,
    ]),
  ),
];

/** 参加記録_相談支援事業所あおぞら_令和8年度.csv */
export const participationFilename = (record: ParticipationRecord): string =>
  `参加記録_${record.officeName}_${record.fiscalYearLabel}.csv`;
