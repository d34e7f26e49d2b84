import * as z from 'zod';
import { SelfPlanReason } from './case.ts';
import { CaseId, EntityId, IsoDate, MunicipalityCode, OfficeId, RecipientNumber } from './ids.ts';
import { Kana, requiredText, text } from './text.ts';

/**
 * The municipality's side of the paper loop (issue 16 point 2, ADR 0044): the caseworker
 * (市町村ケースワーカー) asks an office for a plan draft by a due date (計画案提出依頼), and registers
 * the self-plans (セルフプラン) filed at the municipality without any office.
 */

export const PLAN_REQUEST_STATUSES = ['open', 'fulfilled', 'withdrawn'] as const;
export const PlanRequestStatus = z.enum(PLAN_REQUEST_STATUSES);
export type PlanRequestStatus = z.infer<typeof PlanRequestStatus>;

export const PLAN_REQUEST_STATUS_LABELS: Record<PlanRequestStatus, string> = {
  open: '依頼中',
  fulfilled: '提出済',
  withdrawn: '取り下げ',
};

export const PlanRequestId = EntityId;

/** The note says what is asked for; it must carry no other personal data (the form says so). */
export const PLAN_REQUEST_NOTE_MAX = 500;

export const PlanRequestInput = z.strictObject({
  officeId: OfficeId,
  recipientNumber: RecipientNumber,
  dueOn: IsoDate,
  note: text(PLAN_REQUEST_NOTE_MAX).default(''),
});
export type PlanRequestInput = z.infer<typeof PlanRequestInput>;

export const PlanRequestParams = z.strictObject({ requestId: PlanRequestId });

/** The office's own list may be narrowed to one of its cases (the case page's task list). */
export const PlanRequestQuery = z.strictObject({
  status: PlanRequestStatus.optional(),
  caseId: CaseId.optional(),
});

/** As the caseworker sees a request: the office and the number it named, never a name. */
export const PlanRequestView = z.strictObject({
  requestId: PlanRequestId,
  officeId: OfficeId,
  officeName: z.string(),
  recipientNumber: RecipientNumber,
  dueOn: IsoDate,
  note: z.string(),
  status: PlanRequestStatus,
  requestedOn: IsoDate,
  closedOn: IsoDate.optional(),
  version: z.number().int().positive(),
});
export type PlanRequestView = z.infer<typeof PlanRequestView>;

/** As the office sees an open request: a task on one of its cases, with its deadline. */
export const OfficePlanRequestView = z.strictObject({
  requestId: PlanRequestId,
  caseId: CaseId,
  dueOn: IsoDate,
  note: z.string(),
  requestedOn: IsoDate,
  overdue: z.boolean(),
});
export type OfficePlanRequestView = z.infer<typeof OfficePlanRequestView>;

export const PlanRequestList = z.strictObject({
  /** The caseworker's municipality's requests (empty for office staff). */
  items: z.array(PlanRequestView),
  /** The caller's office's open requests (empty for the caseworker). */
  officeItems: z.array(OfficePlanRequestView),
});
export type PlanRequestList = z.infer<typeof PlanRequestList>;

/** Plan services whose decision a self-plan stands for (a self-plan replaces 計画相談・障害児相談). */
export const SELF_PLAN_SERVICE_KINDS = ['plan_consultation', 'child_plan_consultation'] as const;
export const SelfPlanServiceKind = z.enum(SELF_PLAN_SERVICE_KINDS, {
  error: 'サービスの種類を選んでください',
});
export type SelfPlanServiceKind = z.infer<typeof SelfPlanServiceKind>;

export const SelfPlanId = EntityId;

/** The basics of the person who filed the self-plan; the municipality is the caller's. */
export const SelfPlanPerson = z.strictObject({
  name: requiredText(50),
  kana: Kana,
  birthDate: IsoDate,
  recipientNumber: RecipientNumber,
});

/** The service decision the self-plan was filed for: its months are what the figures count. */
export const SelfPlanDecision = z.strictObject({
  validFrom: IsoDate,
  validTo: IsoDate,
});

export const SelfPlanInput = z.strictObject({
  person: SelfPlanPerson,
  serviceKind: SelfPlanServiceKind,
  selfPlanReason: SelfPlanReason,
  filedOn: IsoDate,
  decision: SelfPlanDecision.optional(),
});
export type SelfPlanInput = z.infer<typeof SelfPlanInput>;

export const SelfPlanParams = z.strictObject({ selfPlanId: SelfPlanId });

export const SelfPlanView = SelfPlanInput.extend({
  selfPlanId: SelfPlanId,
  municipalityCode: MunicipalityCode,
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).strict();
export type SelfPlanView = z.infer<typeof SelfPlanView>;

/** The list: who filed, when and why, and the decision's months; opening one is the audited read. */
export const SelfPlanSummary = z.strictObject({
  selfPlanId: SelfPlanId,
  name: z.string(),
  recipientNumber: RecipientNumber,
  serviceKind: SelfPlanServiceKind,
  selfPlanReason: SelfPlanReason,
  filedOn: IsoDate,
  decision: SelfPlanDecision.optional(),
});
export type SelfPlanSummary = z.infer<typeof SelfPlanSummary>;

export const SelfPlanList = z.strictObject({ items: z.array(SelfPlanSummary) });
export type SelfPlanList = z.infer<typeof SelfPlanList>;
