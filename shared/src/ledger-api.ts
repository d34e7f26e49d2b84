import * as z from 'zod';
import { CaseId, EntityId, IsoDate, MunicipalityCode, OfficeId, UserId } from './ids.ts';
import { PageQuery, page } from './pagination.ts';
import { requiredText, text } from './text.ts';

/**
 * The core center's capacity-building ledger (DOMAIN.md): each activity recorded once as an event,
 * from which the plan indicators (issue 5) and each office's participation record are derived.
 */

export const LEDGER_EVENT_KINDS = [
  'advice_visit',
  'training',
  'collaboration',
  'case_review',
  'council_session',
  'subcommittee_session',
] as const;
export const LedgerEventKind = z.enum(LEDGER_EVENT_KINDS, { error: '活動の種別を選んでください' });
export type LedgerEventKind = z.infer<typeof LedgerEventKind>;

export const LEDGER_EVENT_KIND_LABELS: Record<LedgerEventKind, string> = {
  advice_visit: '訪問等による専門的な指導・助言',
  training: '人材育成',
  collaboration: '連携強化の取組',
  case_review: '個別事例の支援内容の検証',
  council_session: '協議会',
  subcommittee_session: '部会',
};

/**
 * Records that produce their own ledger event (ADR 0027): a supervision of office staff is an
 * advice to those offices (訪問等による専門的な指導・助言), a support meeting of a difficult case the
 * core center accepted is a case review (個別事例の支援内容の検証). The event follows its record —
 * written, corrected and removed with it — and cannot be edited in the ledger itself.
 */
export const LEDGER_EVENT_SOURCE_KINDS = ['supervision', 'support_meeting'] as const;
export const LedgerEventSourceKind = z.enum(LEDGER_EVENT_SOURCE_KINDS);
export type LedgerEventSourceKind = z.infer<typeof LedgerEventSourceKind>;
export const LEDGER_EVENT_SOURCE_LABELS: Record<LedgerEventSourceKind, string> = {
  supervision: 'スーパービジョンの記録',
  support_meeting: '困難事例の支援会議の記録',
};
/** The record's id only: never a case id, a person or a specialist. */
export const LedgerEventSource = z.strictObject({ kind: LedgerEventSourceKind, id: EntityId });
export type LedgerEventSource = z.infer<typeof LedgerEventSource>;

export const DERIVED_EVENT_MESSAGE =
  'この活動は記録から自動計上されています。元の記録（スーパービジョンまたは支援会議）を修正してください';

/**
 * A date change rewrites one participation item per office (a delete and a put) in the event's
 * transaction, and DynamoDB takes 100 items per transaction: 40 offices leave room for the rest.
 */
export const MAX_LEDGER_EVENT_OFFICES = 40;
export const MAX_LEDGER_EVENT_CASES = 100;
/**
 * A council or sub-committee session's write also re-checks the council consent of each person
 * linked (one item each, ADR 0022): with a date change's 84 items, 10 leave room under 100. A
 * council's case review takes up a case or two.
 */
export const MAX_COUNCIL_SESSION_CASES = 10;

/** 年度 as the year it starts in (FY2026 = 令和8年度 = April 2026 to March 2027). */
export const FiscalYear = z.coerce
  .number({ error: '年度は数値で指定してください' })
  .int({ error: '年度は整数で指定してください' })
  .min(2000, { error: '年度は2000以降で指定してください' })
  .max(2100, { error: '年度は2100以前で指定してください' });

const unique = (values: readonly string[]) => new Set(values).size === values.length;

const LedgerOfficeIds = z
  .array(OfficeId)
  .max(MAX_LEDGER_EVENT_OFFICES, { error: `参加事業所は${MAX_LEDGER_EVENT_OFFICES}か所までです` })
  .refine(unique, { error: '同じ事業所が重複しています' });
const LedgerOrganisations = z
  .array(requiredText(100))
  .max(100, { error: '参加機関は100件までです' })
  .refine(unique, { error: '同じ機関名が重複しています' });
const LedgerCaseIds = z
  .array(CaseId)
  .max(MAX_LEDGER_EVENT_CASES, { error: `関連事例は${MAX_LEDGER_EVENT_CASES}件までです` })
  .refine(unique, { error: '同じ事例が重複しています' });
const headCount = (max: number, label: string) =>
  z
    .number({ error: `${label}は数値で入力してください` })
    .int({ error: `${label}は整数で入力してください` })
    .min(0, { error: `${label}は0以上で入力してください` })
    .max(max, { error: `${label}は${max}以下で入力してください` });
const UnnamedOrganisationCount = headCount(1000, '名前を挙げない参加機関の数');
const ParticipantCount = headCount(10_000, '参加者数');

export const LedgerEventInput = z.strictObject({
  kind: LedgerEventKind,
  heldOn: IsoDate,
  title: requiredText(200),
  /** Offices of the tenant that took part (the visited office, for an advice visit). */
  officeIds: LedgerOfficeIds.default([]),
  /** Outside organisations by name: hospitals, schools, the 社協, the employment office… */
  organisations: LedgerOrganisations.default([]),
  /** Organisations that took part but are not named one by one (e.g. a council's members). */
  unnamedOrganisationCount: UnnamedOrganisationCount.default(0),
  participantCount: ParticipantCount,
  /** The member municipality the event counts for; by default that of the first office taking part. */
  municipalityCode: MunicipalityCode.optional(),
  /** Cases of the tenant the event is about: stored, only ever shown as a count. */
  caseIds: LedgerCaseIds.default([]),
  notes: text(2000).default(''),
});
export type LedgerEventInput = z.infer<typeof LedgerEventInput>;

/** A correction: each field as in LedgerEventInput, without defaults, so what is left out stays. */
export const LedgerEventPatchInput = z
  .strictObject({
    kind: LedgerEventKind.optional(),
    heldOn: IsoDate.optional(),
    title: requiredText(200).optional(),
    officeIds: LedgerOfficeIds.optional(),
    organisations: LedgerOrganisations.optional(),
    unnamedOrganisationCount: UnnamedOrganisationCount.optional(),
    participantCount: ParticipantCount.optional(),
    municipalityCode: MunicipalityCode.optional(),
    caseIds: LedgerCaseIds.optional(),
    notes: text(2000).optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    error: '変更する項目を1つ以上指定してください',
  });
export type LedgerEventPatchInput = z.infer<typeof LedgerEventPatchInput>;

export const LedgerEventParams = z.strictObject({ eventId: EntityId });

export const LedgerEvent = z.strictObject({
  eventId: EntityId,
  kind: LedgerEventKind,
  heldOn: IsoDate,
  fiscalYear: z.number().int(),
  title: z.string(),
  officeIds: z.array(OfficeId),
  organisations: z.array(z.string()),
  unnamedOrganisationCount: z.number().int().nonnegative(),
  /**
   * Named plus unnamed outside organisations of this event. The council indicator counts the offices
   * taking part as well, each participant once over the period (services/src/statistics/figures.ts).
   */
  organisationCount: z.number().int().nonnegative(),
  participantCount: z.number().int().nonnegative(),
  municipalityCode: MunicipalityCode,
  /** Linked cases are counted, never named: no case id, name or code leaves the server. */
  linkedCaseCount: z.number().int().nonnegative(),
  notes: z.string(),
  /** Set on an event a record produced (自動計上); absent on one entered in the ledger by hand. */
  source: LedgerEventSource.optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
  updatedAt: z.iso.datetime(),
  updatedBy: UserId,
});
export type LedgerEvent = z.infer<typeof LedgerEvent>;

export const LedgerEventQuery = PageQuery.extend({
  /** Defaults to the fiscal year of today in Japan. */
  fiscalYear: FiscalYear.optional(),
  kind: LedgerEventKind.optional(),
});
export type LedgerEventQuery = z.infer<typeof LedgerEventQuery>;

export const LedgerEventPage = page(LedgerEvent);
export type LedgerEventPage = z.infer<typeof LedgerEventPage>;

// ── Participation record (2024 報酬改定: evidence of taking part) ──────────────
export const ParticipationQuery = z.strictObject({
  /** Office staff may name only their own office; the core center any office of the tenant. */
  officeId: OfficeId.optional(),
  fiscalYear: FiscalYear.optional(),
});
export type ParticipationQuery = z.infer<typeof ParticipationQuery>;

export const ParticipationEntry = LedgerEvent.pick({
  eventId: true,
  kind: true,
  heldOn: true,
  title: true,
  organisations: true,
  organisationCount: true,
  participantCount: true,
  linkedCaseCount: true,
}).extend({ officeCount: z.number().int().nonnegative() });
export type ParticipationEntry = z.infer<typeof ParticipationEntry>;

export const ParticipationGroup = z.strictObject({
  kind: LedgerEventKind,
  label: z.string(),
  count: z.number().int().nonnegative(),
  events: z.array(ParticipationEntry),
});
export type ParticipationGroup = z.infer<typeof ParticipationGroup>;

export const ParticipationRecord = z.strictObject({
  officeId: OfficeId,
  officeName: z.string(),
  fiscalYear: z.number().int(),
  /** 令和8年度 */
  fiscalYearLabel: z.string(),
  total: z.number().int().nonnegative(),
  /** Every kind, in the order of LEDGER_EVENT_KINDS, with a zero count where the office took no part. */
  groups: z.array(ParticipationGroup),
});
export type ParticipationRecord = z.infer<typeof ParticipationRecord>;

// ── Senior specialists (主任相談支援専門員) ────────────────────────────────────
export const SeniorSpecialistInput = z
  .strictObject({
    /** A staff member with an account… */
    userId: UserId.optional(),
    /** …or a name, for a senior specialist who has none. */
    name: requiredText(50).optional(),
    officeId: OfficeId,
    certifiedOn: IsoDate,
    /** The last day as senior specialist at this office. */
    endedOn: IsoDate.optional(),
  })
  .refine((value) => (value.userId === undefined) !== (value.name === undefined), {
    error: '職員（userId）か氏名（name）のどちらか一方を指定してください',
    path: ['userId'],
  });
export type SeniorSpecialistInput = z.infer<typeof SeniorSpecialistInput>;

export const SeniorSpecialistPatchInput = z
  .strictObject({
    certifiedOn: IsoDate.optional(),
    /** null reopens an entry ended by mistake. */
    endedOn: IsoDate.nullable().optional(),
  })
  .refine((value) => value.certifiedOn !== undefined || value.endedOn !== undefined, {
    error: '変更する項目を1つ以上指定してください',
  });
export type SeniorSpecialistPatchInput = z.infer<typeof SeniorSpecialistPatchInput>;

export const SeniorSpecialistParams = z.strictObject({ seniorId: EntityId });

export const SeniorSpecialistQuery = z.strictObject({
  /** Only those senior on this day (certifiedOn ≤ asOf ≤ endedOn); without it, the whole roster. */
  asOf: IsoDate.optional(),
  officeId: OfficeId.optional(),
});
export type SeniorSpecialistQuery = z.infer<typeof SeniorSpecialistQuery>;

export const SeniorSpecialist = z.strictObject({
  seniorId: EntityId,
  officeId: OfficeId,
  userId: UserId.optional(),
  name: z.string(),
  certifiedOn: IsoDate,
  endedOn: IsoDate.optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
  updatedAt: z.iso.datetime(),
  updatedBy: UserId,
});
export type SeniorSpecialist = z.infer<typeof SeniorSpecialist>;

export const SeniorSpecialistList = z.strictObject({
  asOf: IsoDate.nullable(),
  items: z.array(SeniorSpecialist),
});
export type SeniorSpecialistList = z.infer<typeof SeniorSpecialistList>;

/** Senior on `day`: certified on or before it and not ended before it (both ends inclusive). */
export const isSeniorOn = (entry: Pick<SeniorSpecialist, 'certifiedOn' | 'endedOn'>, day: string): boolean =>
  entry.certifiedOn <= day && (entry.endedOn === undefined || day <= entry.endedOn);
