import * as z from 'zod';
import { CaseView } from './case.ts';
import { DIFFICULT_CATEGORIES, DifficultCategory, DifficultStatus, SharingBasis } from './difficult-case.ts';
import { CaseId, EntityId, IsoDate, OfficeId, UserId } from './ids.ts';
import { PageQuery, page } from './pagination.ts';
import { requiredText, text } from './text.ts';

/**
 * API shapes of the core center's work on individual cases: difficult cases (困難事例) and their
 * support meetings (支援会議), sharing a case by supervision request, supervision records
 * (スーパービジョン). The tenant admin's view of the audit log is in audit-api.ts.
 */

const noDuplicates = <T>(values: readonly T[]) => new Set(values).size === values.length;

// ── Difficult cases: inputs ───────────────────────────────────────────────────
export const DifficultyFlagInput = z.strictObject({
  categories: z
    .array(DifficultCategory)
    .min(1, { error: '分類を1つ以上選んでください' })
    .max(DIFFICULT_CATEGORIES.length)
    .refine(noDuplicates, { error: '同じ分類が重複しています' }),
  note: text(2000).default(''),
});
export type DifficultyFlagInput = z.infer<typeof DifficultyFlagInput>;

/**
 * Escalation rests on the person's consent to sharing with the core center. Without it, only an
 * emergency in a case of abuse (虐待: the duty to report) lets the case be shared, and the reason
 * for that emergency is recorded and audited.
 */
export const DifficultyEscalateInput = z.strictObject({
  reason: requiredText(2000),
  emergency: z.strictObject({ reason: requiredText(1000) }).optional(),
});
export type DifficultyEscalateInput = z.infer<typeof DifficultyEscalateInput>;

/** Seed 004's 49:51 → 51:49: each agency names the small step it takes. */
export const SupportMeetingAgencyInput = z.strictObject({
  name: requiredText(100),
  contribution: requiredText(500),
});

export const SupportMeetingAssignmentInput = z.strictObject({
  who: requiredText(100),
  what: requiredText(500),
  dueOn: IsoDate,
});

export const SupportMeetingInput = z
  .strictObject({
    heldOn: IsoDate,
    agencies: z
      .array(SupportMeetingAgencyInput)
      .min(1, { error: '参加した機関を1つ以上入力してください' })
      .max(30),
    summary: text(4000).default(''),
    assignments: z.array(SupportMeetingAssignmentInput).max(30).default([]),
    nextReviewOn: IsoDate,
  })
  .refine((value) => value.nextReviewOn > value.heldOn, {
    path: ['nextReviewOn'],
    error: '次回の見直し日は開催日より後にしてください',
  })
  .refine((value) => value.assignments.every((assignment) => assignment.dueOn >= value.heldOn), {
    path: ['assignments'],
    error: '役割の期限は開催日以降にしてください',
  });
export type SupportMeetingInput = z.infer<typeof SupportMeetingInput>;

export const ClosureProposalInput = z.strictObject({ outcome: requiredText(2000) });
export type ClosureProposalInput = z.infer<typeof ClosureProposalInput>;

export const SupervisionRequestInput = z.strictObject({ topic: requiredText(1000) });
export type SupervisionRequestInput = z.infer<typeof SupervisionRequestInput>;

// ── Difficult cases: records ──────────────────────────────────────────────────
export const DifficultyHistoryEntry = z.strictObject({
  status: DifficultStatus,
  on: IsoDate,
  at: z.iso.datetime(),
  by: UserId,
});
export type DifficultyHistoryEntry = z.infer<typeof DifficultyHistoryEntry>;

/** The difficulty file of a case: one episode from flag to closure. */
export const DifficultyFile = z.strictObject({
  caseId: CaseId,
  officeId: OfficeId,
  episodeId: EntityId,
  status: DifficultStatus,
  categories: z.array(DifficultCategory),
  note: z.string(),
  flaggedOn: IsoDate,
  escalation: z
    .strictObject({
      on: IsoDate,
      reason: z.string(),
      basis: SharingBasis.exclude(['supervision_request']),
      emergencyReason: z.string().optional(),
    })
    .optional(),
  acceptedOn: IsoDate.optional(),
  nextReviewOn: IsoDate.optional(),
  closure: z
    .strictObject({
      outcome: z.string(),
      proposedOn: IsoDate,
      proposedBy: UserId,
      approvedOn: IsoDate.optional(),
      approvedBy: UserId.optional(),
    })
    .optional(),
  history: z.array(DifficultyHistoryEntry),
  /** The file's own write counter; the case's `version` is what clients send as If-Match. */
  revision: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DifficultyFile = z.infer<typeof DifficultyFile>;

export const SupportMeeting = z.strictObject({
  meetingId: EntityId,
  caseId: CaseId,
  episodeId: EntityId,
  heldOn: IsoDate,
  agencies: z.array(z.strictObject({ name: z.string(), contribution: z.string() })),
  summary: z.string(),
  assignments: z.array(
    z.strictObject({ assignmentId: EntityId, who: z.string(), what: z.string(), dueOn: IsoDate }),
  ),
  nextReviewOn: IsoDate,
  createdAt: z.iso.datetime(),
  createdBy: UserId,
});
export type SupportMeeting = z.infer<typeof SupportMeeting>;

/**
 * The result of every move of a difficult case. `version` is the case's version after the move:
 * the ETag, and the If-Match of the next move.
 */
export const DifficultyResult = z.strictObject({
  caseId: CaseId,
  version: z.number().int().positive(),
  sharedWithCore: z.boolean(),
  sharing: z.strictObject({ basis: SharingBasis, since: IsoDate }).optional(),
  difficulty: DifficultyFile,
});
export type DifficultyResult = z.infer<typeof DifficultyResult>;

/** The whole file: for the office holding the case, and for the core center once it is shared. */
export const DifficultyDetail = DifficultyResult.extend({ meetings: z.array(SupportMeeting) });
export type DifficultyDetail = z.infer<typeof DifficultyDetail>;

// ── Difficult cases: the board ────────────────────────────────────────────────
/**
 * One row of the board: the case as the caller may see it (pseudonymised for the core center
 * unless shared) and the difficulty's status, categories and dates — never its free text.
 */
export const DifficultBoardItem = z.strictObject({
  case: CaseView,
  status: DifficultStatus,
  categories: z.array(DifficultCategory),
  flaggedOn: IsoDate,
  nextReviewOn: IsoDate.nullable(),
  reviewOverdue: z.boolean(),
});
export type DifficultBoardItem = z.infer<typeof DifficultBoardItem>;

export const DifficultBoardQuery = PageQuery.extend({
  status: DifficultStatus.optional(),
  /** Core center only: one office's difficult cases (drill-down from a figure). */
  officeId: OfficeId.optional(),
});
export type DifficultBoardQuery = z.infer<typeof DifficultBoardQuery>;

export const DifficultBoardPage = page(DifficultBoardItem);
export type DifficultBoardPage = z.infer<typeof DifficultBoardPage>;

/** A list longer than this is no worklist: `truncated` says there were more. */
export const OVERDUE_REVIEW_LIMIT = 500;

export const OverdueReviewList = z.strictObject({
  items: z.array(DifficultBoardItem),
  truncated: z.boolean(),
});
export type OverdueReviewList = z.infer<typeof OverdueReviewList>;

// ── Supervision records (スーパービジョン) ────────────────────────────────────
export const SUPERVISION_KINDS = ['individual', 'group'] as const;
export const SupervisionKind = z.enum(SUPERVISION_KINDS);
export type SupervisionKind = z.infer<typeof SupervisionKind>;
export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = {
  individual: '個別スーパービジョン',
  group: 'グループスーパービジョン',
};

export const SupervisionFollowUpInput = z.strictObject({
  what: requiredText(500),
  who: text(100).default(''),
  dueOn: IsoDate,
});

const SpecialistUserIds = z
  .array(UserId)
  .min(1, { error: '対象の相談支援専門員を1人以上選んでください' })
  .max(30)
  .refine(noDuplicates, { error: '同じ職員が重複しています' });
const Topics = z.array(requiredText(200)).min(1, { error: 'テーマを1つ以上入力してください' }).max(20);

export const SupervisionInput = z
  .strictObject({
    kind: SupervisionKind,
    heldOn: IsoDate,
    /** The specialists supervised: users of the tenant. */
    specialistUserIds: SpecialistUserIds,
    topics: Topics,
    summary: text(4000).default(''),
    /** Only cases shared with the core center can be linked. */
    caseIds: z
      .array(CaseId)
      .max(20)
      .refine(noDuplicates, { error: '同じケースが重複しています' })
      .default([]),
    followUps: z.array(SupervisionFollowUpInput).max(20).default([]),
  })
  .refine((value) => value.kind !== 'individual' || value.specialistUserIds.length === 1, {
    path: ['specialistUserIds'],
    error: '個別スーパービジョンの対象は1人です',
  })
  .refine((value) => value.followUps.every((followUp) => followUp.dueOn >= value.heldOn), {
    path: ['followUps'],
    error: 'フォローアップの期限は実施日以降にしてください',
  });
export type SupervisionInput = z.infer<typeof SupervisionInput>;

export const SupervisionFollowUp = z.strictObject({
  followUpId: EntityId,
  what: z.string(),
  who: z.string(),
  dueOn: IsoDate,
  doneOn: IsoDate.optional(),
});
export type SupervisionFollowUp = z.infer<typeof SupervisionFollowUp>;

export const Supervision = z.strictObject({
  supervisionId: EntityId,
  kind: SupervisionKind,
  heldOn: IsoDate,
  supervisorUserId: UserId,
  specialistUserIds: z.array(UserId),
  topics: z.array(z.string()),
  summary: z.string(),
  /** Linked cases (shared with the core center when linked); office staff get their own office's only. */
  cases: z.array(z.strictObject({ caseId: CaseId, officeId: OfficeId })),
  followUps: z.array(SupervisionFollowUp),
  /**
   * Recorded since supervisions produce their ledger event (ADR 0027). A record from before has
   * its advice counted by the hand entry the center made then, so its corrections leave the ledger.
   */
  producesLedgerEvent: z.literal(true).optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Supervision = z.infer<typeof Supervision>;

/** A correction: what is left out stays. Follow-ups are marked done on their own route. */
export const SupervisionPatchInput = z
  .strictObject({
    heldOn: IsoDate.optional(),
    specialistUserIds: SpecialistUserIds.optional(),
    topics: Topics.optional(),
    summary: text(4000).optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    error: '変更する項目を1つ以上指定してください',
  });
export type SupervisionPatchInput = z.infer<typeof SupervisionPatchInput>;

export const SupervisionParams = z.strictObject({ supervisionId: EntityId });
export const SupervisionFollowUpParams = z.strictObject({ supervisionId: EntityId, followUpId: EntityId });
export const FollowUpDoneInput = z.strictObject({ doneOn: IsoDate });

export const SupervisionListQuery = PageQuery.extend({
  /** The core center: one specialist's supervisions. Office staff see only their own anyway. */
  specialistUserId: UserId.optional(),
});
export type SupervisionListQuery = z.infer<typeof SupervisionListQuery>;

/** Newest first. */
export const SupervisionPage = page(Supervision);
export type SupervisionPage = z.infer<typeof SupervisionPage>;
