import * as z from 'zod';
import { MonitoringPeriodMonths } from './case.ts';
import { Monitoring, Plan, ServiceDecision } from './caseload-records.ts';
import { CaseId, EntityId, IsoDate, MunicipalityCode, OfficeId, UserId } from './ids.ts';
import { PageQuery, page } from './pagination.ts';
import { SupportLevel } from './person.ts';
import { requiredText, text } from './text.ts';

/**
 * Documents an office submits to the person's municipality (issue 16 point 2, ADR 0043): a plan
 * version (a draft as the 計画案, a final plan as the 本計画) or a monitoring record (モニタリング報告書).
 * The municipality's caseworker accepts (受理) or returns (差戻し) it and, on an accepted 計画案, records
 * the 支給決定 that reaches the office's case.
 */
export const SUBMISSION_KINDS = ['plan_draft', 'plan_final', 'monitoring_report'] as const;
export const SubmissionKind = z.enum(SUBMISSION_KINDS);
export type SubmissionKind = z.infer<typeof SubmissionKind>;
export const SUBMISSION_KIND_LABELS: Record<SubmissionKind, string> = {
  plan_draft: 'サービス等利用計画案',
  plan_final: 'サービス等利用計画（本計画）',
  monitoring_report: 'モニタリング報告書',
};

export const SUBMISSION_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export const SubmissionStatus = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  submitted: '提出済（受付待ち）',
  accepted: '受理',
  returned: '差戻し',
};

/** What the office asks to submit: a plan version of the case, or one of its monitoring records. */
export const SubmissionInput = z.discriminatedUnion('document', [
  z.strictObject({ document: z.literal('plan'), planVersion: z.number().int().positive() }),
  z.strictObject({ document: z.literal('monitoring'), recordId: EntityId }),
]);
export type SubmissionInput = z.infer<typeof SubmissionInput>;

/** The person as the paper form shows them, copied when the document was submitted. */
export const SubmittedPerson = z.strictObject({
  name: z.string(),
  kana: z.string(),
  birthDate: IsoDate,
  recipientNumber: z.string().optional(),
  supportLevel: SupportLevel,
});
export type SubmittedPerson = z.infer<typeof SubmittedPerson>;

/** The document as it was when submitted: later edits at the office never reach the municipality. */
export const SubmittedDocument = z.discriminatedUnion('document', [
  z.strictObject({ document: z.literal('plan'), plan: Plan }),
  z.strictObject({ document: z.literal('monitoring'), monitoring: Monitoring }),
]);
export type SubmittedDocument = z.infer<typeof SubmittedDocument>;

export const SubmissionSnapshot = z.strictObject({
  person: SubmittedPerson,
  officeName: z.string(),
  /** The case's モニタリング期間 when submitted (the plan sheet shows it). */
  monitoringPeriodMonths: MonitoringPeriodMonths.optional(),
  /**
   * 計画作成担当者 as the form names them: the case's specialist when submitted (the municipality
   * reads no staff list). Absent on submissions made before it was kept.
   */
  authorName: z.string().optional(),
  content: SubmittedDocument,
});
export type SubmissionSnapshot = z.infer<typeof SubmissionSnapshot>;

/** A submission's status and who moved it, without the snapshot (what the office's pages show). */
export const Submission = z.strictObject({
  submissionId: EntityId,
  caseId: CaseId,
  officeId: OfficeId,
  municipalityCode: MunicipalityCode,
  kind: SubmissionKind,
  /** The plan's or the monitoring's recordId. */
  documentId: EntityId,
  planVersion: z.number().int().positive().optional(),
  status: SubmissionStatus,
  submittedAt: z.iso.datetime(),
  submittedBy: UserId,
  reviewedAt: z.iso.datetime().optional(),
  reviewedBy: UserId.optional(),
  /** The caseworker's comment: required on 差戻し, which the office reads. */
  comment: z.string().optional(),
  /** The 支給決定 the caseworker recorded on this accepted 計画案. */
  decision: ServiceDecision.optional(),
  version: z.number().int().positive(),
});
export type Submission = z.infer<typeof Submission>;

export const SubmissionDetail = Submission.extend({ snapshot: SubmissionSnapshot });
export type SubmissionDetail = z.infer<typeof SubmissionDetail>;

export const SubmissionList = z.strictObject({ items: z.array(Submission) });
export type SubmissionList = z.infer<typeof SubmissionList>;

/** A row of the caseworker's inbox. */
export const InboxRow = z.strictObject({
  submissionId: EntityId,
  kind: SubmissionKind,
  status: SubmissionStatus,
  submittedAt: z.iso.datetime(),
  officeName: z.string(),
  personName: z.string(),
  personKana: z.string(),
  decided: z.boolean(),
});
export type InboxRow = z.infer<typeof InboxRow>;
export const InboxPage = page(InboxRow);
export type InboxPage = z.infer<typeof InboxPage>;

export const SubmissionMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年月はYYYY-MMの形式で指定してください' });

export const InboxQuery = PageQuery.extend({
  /** The month of submission (Japan); the current month when absent. */
  month: SubmissionMonth.optional(),
  status: SubmissionStatus.optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const SubmissionParams = z.strictObject({ submissionId: EntityId });

export const MAX_REVIEW_COMMENT = 1000;
export const AcceptInput = z.strictObject({ comment: text(MAX_REVIEW_COMMENT).optional() });
export const ReturnInput = z.strictObject({ comment: requiredText(MAX_REVIEW_COMMENT) });
