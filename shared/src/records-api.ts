import * as z from 'zod';
import { CaseView, ServiceKind } from './case.ts';
import {
  AnonymousConsultationInput,
  CONSULTATION_CHANNELS,
  CONSULTATION_COUNTERPARTS,
  AssessmentStatus,
  ConsentPurpose,
  PlanStatus,
  SupportCategory,
  SUPPORT_CATEGORIES,
  TransferToAdultInput,
} from './caseload-records.ts';
import {
  CaseId,
  EntityId,
  IsoDate,
  MunicipalityCode,
  OfficeId,
  PersonId,
  RecipientNumber,
  UserId,
} from './ids.ts';
import { LIFE_STAGE_AGES } from './life-stage.ts';
import { PageQuery, page } from './pagination.ts';
import {
  DisabilityCategory,
  DISABILITY_CATEGORIES,
  EmergencyContact,
  Person,
  PhoneNumber,
  Representative,
  Sex,
  SupportLevel,
} from './person.ts';
import { Role } from './role.ts';
import { Kana, requiredText, text } from './text.ts';

/** API shapes of the records around a case: persons, consents, plans, meetings, consultations, transfers. */

// ── Path parameters ───────────────────────────────────────────────────────────
export const PersonParams = z.strictObject({ personId: PersonId });
export const CaseParams = z.strictObject({ caseId: CaseId });

export const PlanVersionNumber = z.coerce
  .number({ error: '計画の版は数値で指定してください' })
  .int({ error: '計画の版は整数で指定してください' })
  .min(1, { error: '計画の版は1以上で指定してください' })
  .max(999_999, { error: '計画の版が大きすぎます' });
export const PlanParams = z.strictObject({ caseId: CaseId, planVersion: PlanVersionNumber });
export const AssessmentVersionNumber = z.coerce
  .number({ error: 'アセスメントの版は数値で指定してください' })
  .int({ error: 'アセスメントの版は整数で指定してください' })
  .min(1, { error: 'アセスメントの版は1以上で指定してください' })
  .max(999_999, { error: 'アセスメントの版が大きすぎます' });
export const AssessmentParams = z.strictObject({
  caseId: CaseId,
  assessmentVersion: AssessmentVersionNumber,
});
export const MeetingParams = z.strictObject({ caseId: CaseId, meetingId: EntityId });
export const AssignmentParams = z.strictObject({
  caseId: CaseId,
  meetingId: EntityId,
  assignmentId: EntityId,
});
export const ConsultationParams = z.strictObject({ caseId: CaseId, recordId: EntityId });

// ── Person ────────────────────────────────────────────────────────────────────
/**
 * A partial person: each field as in PersonInput but without its default, so a field left out is
 * left unchanged (PersonInput.partial() would reset categories and family situation to defaults).
 */
export const PersonPatchInput = z
  .strictObject({
    name: requiredText(50).optional(),
    kana: Kana.optional(),
    birthDate: IsoDate.optional(),
    municipalityCode: MunicipalityCode.optional(),
    recipientNumber: RecipientNumber.optional(),
    disabilityCategories: z.array(DisabilityCategory).max(DISABILITY_CATEGORIES.length).optional(),
    supportLevel: SupportLevel.optional(),
    familySituation: text(1000).optional(),
    /** Contact fields: null clears what was recorded. */
    sex: Sex.nullable().optional(),
    address: text(200).nullable().optional(),
    phone: PhoneNumber.nullable().optional(),
    representative: Representative.nullable().optional(),
    emergencyContact: EmergencyContact.nullable().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    error: '変更する項目を1つ以上指定してください',
  });
export type PersonPatchInput = z.infer<typeof PersonPatchInput>;

export const CONSENT_STATUSES = ['granted', 'revoked'] as const;
export const ConsentStatus = z.enum(CONSENT_STATUSES);
export const CONSENT_STATUS_LABELS = { granted: '同意あり', revoked: '撤回済み' } as const;

/** One grant or revocation, kept forever: the consent's history is evidence. */
export const ConsentEvent = z.strictObject({
  event: ConsentStatus,
  on: IsoDate,
  at: z.iso.datetime(),
  by: UserId,
});

export const ConsentView = z.strictObject({
  purpose: ConsentPurpose,
  status: ConsentStatus,
  grantedOn: IsoDate,
  revokedOn: IsoDate.optional(),
  history: z.array(ConsentEvent),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
});
export type ConsentView = z.infer<typeof ConsentView>;

/** The full person record (要配慮個人情報): every read of it is audited. */
export const PersonView = Person.extend({
  consents: z.array(ConsentView),
  /** The person's cases at the caller's office only: other offices' cases are not the caller's to know. */
  caseIds: z.array(CaseId),
});
export type PersonView = z.infer<typeof PersonView>;

/**
 * Merge another record of the same person into this one (ADR 0025): the other record's version is
 * the one the caller compared side by side; if it changed since, nothing is merged (409).
 */
export const PersonMergeInput = z.strictObject({
  duplicatePersonId: PersonId,
  duplicateVersion: z.number().int().positive(),
});
export type PersonMergeInput = z.infer<typeof PersonMergeInput>;

// ── Plans ─────────────────────────────────────────────────────────────────────
export const PlanSummary = z.strictObject({
  recordId: EntityId,
  caseId: CaseId,
  planVersion: z.number().int().positive(),
  status: PlanStatus,
  createdOn: IsoDate.optional(),
  consentOn: IsoDate.optional(),
  finalizedAt: z.iso.datetime().optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
  updatedAt: z.iso.datetime(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanPage = page(PlanSummary);
export type PlanPage = z.infer<typeof PlanPage>;

// ── Assessments ───────────────────────────────────────────────────────────────
export const AssessmentSummary = z.strictObject({
  recordId: EntityId,
  caseId: CaseId,
  assessmentVersion: z.number().int().positive(),
  status: AssessmentStatus,
  conductedOn: IsoDate,
  finalizedAt: z.iso.datetime().optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
  updatedAt: z.iso.datetime(),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;
export const AssessmentPage = page(AssessmentSummary);
export type AssessmentPage = z.infer<typeof AssessmentPage>;

// ── Service staff meetings ────────────────────────────────────────────────────
export const MeetingAssignment = z.strictObject({
  assignmentId: EntityId,
  who: z.string(),
  organisation: z.string(),
  what: z.string(),
  dueOn: IsoDate,
  doneOn: IsoDate.optional(),
});

/**
 * A meeting as stored and returned; its `recordId` is the meetingId of its routes. 開催場所,
 * 開催時間, the plan version and 検討した項目 came with the national 会議録 (ADR 0042): meetings
 * recorded before have none of them, and read as they were.
 */
export const Meeting = z.strictObject({
  recordId: EntityId,
  caseId: CaseId,
  heldOn: IsoDate,
  place: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  planVersion: z.number().int().positive().optional(),
  agenda: z.string().optional(),
  attendees: z.array(z.strictObject({ name: z.string(), organisation: z.string(), role: z.string() })),
  opinions: z.string(),
  decisions: z.string(),
  assignments: z.array(MeetingAssignment),
  unsolvedItems: z.array(z.string()),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
  updatedAt: z.iso.datetime(),
});
export type Meeting = z.infer<typeof Meeting>;

export const AssignmentDoneInput = z.strictObject({ doneOn: IsoDate });

export const RECORD_SCOPES = ['mine', 'office'] as const;
export const RecordScope = z.enum(RECORD_SCOPES, { error: 'mine か office を指定してください' });
export type RecordScope = z.infer<typeof RecordScope>;

export const OpenAssignmentQuery = PageQuery.extend({ scope: RecordScope.default('mine') });

export const OpenAssignment = z.strictObject({
  assignmentId: EntityId,
  meetingId: EntityId,
  caseId: CaseId,
  caseCode: z.string(),
  personName: z.string(),
  specialistUserId: UserId,
  heldOn: IsoDate,
  who: z.string(),
  organisation: z.string(),
  what: z.string(),
  dueOn: IsoDate,
  overdue: z.boolean(),
});
export type OpenAssignment = z.infer<typeof OpenAssignment>;
/** Due date first, so overdue assignments lead every page. */
export const OpenAssignmentPage = page(OpenAssignment);
export type OpenAssignmentPage = z.infer<typeof OpenAssignmentPage>;

// ── Consultation records ──────────────────────────────────────────────────────
export const Consultation = z.strictObject({
  recordId: EntityId,
  caseId: CaseId,
  consultedOn: IsoDate,
  channel: z.enum(CONSULTATION_CHANNELS),
  counterpart: z.enum(CONSULTATION_COUNTERPARTS),
  /** 支援内容 of the national survey; absent on consultations recorded before it was asked (ADR 0042). */
  supportCategories: z.array(SupportCategory).optional(),
  summary: z.string(),
  minutes: z.number().int(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
});
export type Consultation = z.infer<typeof Consultation>;

export const ANONYMOUS_CONSULTATION_TOPICS = AnonymousConsultationInput.shape.topic.options;
export type AnonymousConsultationTopic = (typeof ANONYMOUS_CONSULTATION_TOPICS)[number];
export const ANONYMOUS_CONSULTATION_TOPIC_LABELS: Record<AnonymousConsultationTopic, string> = {
  service_info: 'サービスの情報',
  daily_life: '日常生活',
  employment: '就労',
  housing: '住まい',
  family: '家族関係',
  other: 'その他',
};

export const AnonymousConsultation = z.strictObject({
  recordId: EntityId,
  officeId: OfficeId,
  consultedOn: IsoDate,
  channel: z.enum(CONSULTATION_CHANNELS),
  counterpart: z.enum(CONSULTATION_COUNTERPARTS),
  topic: AnonymousConsultationInput.shape.topic,
  minutes: z.number().int(),
  createdAt: z.iso.datetime(),
  createdBy: UserId,
});
export type AnonymousConsultation = z.infer<typeof AnonymousConsultation>;

export const RecordMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月はYYYY-MMの形式で指定してください' });
export const AnonymousConsultationCountQuery = z.strictObject({ month: RecordMonth });

const countsOf = <T extends z.ZodEnum>(keys: T) => z.record(keys, z.number().int().nonnegative());

/** Counts only: anonymous consultations carry no personal data and none is shown. */
export const AnonymousConsultationCounts = z.strictObject({
  month: RecordMonth,
  officeId: OfficeId,
  total: z.number().int().nonnegative(),
  totalMinutes: z.number().int().nonnegative(),
  byChannel: countsOf(z.enum(CONSULTATION_CHANNELS)),
  byCounterpart: countsOf(z.enum(CONSULTATION_COUNTERPARTS)),
  byTopic: countsOf(AnonymousConsultationInput.shape.topic),
});
export type AnonymousConsultationCounts = z.infer<typeof AnonymousConsultationCounts>;

export const ConsultationCountQuery = z.strictObject({ month: RecordMonth });

/**
 * The office's consultation records of a month for the national survey (相談支援事業の実施状況等調査):
 * counts only, never a name, a case or a text. A consultation counts once in `total` and once under
 * each 支援内容 it names (the survey's 延べ件数), so the categories may add up to more than the total.
 */
export const ConsultationCounts = z.strictObject({
  month: RecordMonth,
  officeId: OfficeId,
  total: z.number().int().nonnegative(),
  totalMinutes: z.number().int().nonnegative(),
  bySupportCategory: countsOf(z.enum(SUPPORT_CATEGORIES)),
  byChannel: countsOf(z.enum(CONSULTATION_CHANNELS)),
  byCounterpart: countsOf(z.enum(CONSULTATION_COUNTERPARTS)),
});
export type ConsultationCounts = z.infer<typeof ConsultationCounts>;

// ── Life stages ───────────────────────────────────────────────────────────────
export const LifeStageAlertQuery = z.strictObject({ scope: RecordScope.default('mine') });

export const LifeStageAlert = z.strictObject({
  caseId: CaseId,
  caseCode: z.string(),
  personId: PersonId,
  personName: z.string(),
  personKana: z.string(),
  birthDate: IsoDate,
  specialistUserId: UserId,
  serviceKind: ServiceKind,
  /** The age about to be reached, the day it is reached, and what changes then. */
  age: z.union(LIFE_STAGE_AGES.map((age) => z.literal(age))),
  reachesOn: IsoDate,
  note: z.string(),
});
export type LifeStageAlert = z.infer<typeof LifeStageAlert>;

export const LifeStageAlertList = z.strictObject({
  items: z.array(LifeStageAlert),
  /** The office has more cases than one request reads: the list is incomplete. */
  truncated: z.boolean(),
});
export type LifeStageAlertList = z.infer<typeof LifeStageAlertList>;

// ── Transfer at 18 ────────────────────────────────────────────────────────────
export const TransferToAdultRequest = TransferToAdultInput.extend({
  /** The adult case's specialist; by default the caller, or the receiving office's manager. */
  specialistUserId: UserId.optional(),
});
export type TransferToAdultRequest = z.infer<typeof TransferToAdultRequest>;

export const TransferResult = z.strictObject({
  closedCase: CaseView,
  newCaseId: CaseId,
  newCaseCode: z.string(),
  newCaseOfficeId: OfficeId,
});
export type TransferResult = z.infer<typeof TransferResult>;

// ── Search and staff ──────────────────────────────────────────────────────────
export const CaseSearchQuery = PageQuery.extend({
  /** Kana (hiragana accepted) as a prefix, part of the name, or a full 10-digit recipient number. */
  q: z
    .string()
    .trim()
    .min(1, { error: '検索語を入力してください' })
    .max(50, { error: '50文字以内で入力してください' }),
});
export type CaseSearchQuery = z.infer<typeof CaseSearchQuery>;

export const StaffQuery = z.strictObject({ officeId: OfficeId.optional() });
export const StaffMember = z.strictObject({
  userId: UserId,
  displayName: z.string(),
  role: Role,
  officeId: OfficeId,
  senior: z.boolean(),
  /** Named by the tenant admin to confirm the office's yearly figures (a specialist; 数値確認者). */
  confirmsFigures: z.boolean(),
  /** Set when this office is the member's second (兼務, ADR 0033): the office they belong to first. */
  firstOfficeId: OfficeId.optional(),
});
export type StaffMember = z.infer<typeof StaffMember>;
export const StaffList = z.strictObject({ items: z.array(StaffMember) });
export type StaffList = z.infer<typeof StaffList>;
