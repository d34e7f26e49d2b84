import {
  isOpenDifficulty,
  type ClosureProposalInput,
  type DifficultCategory,
  type DifficultStatus,
  type DifficultyEscalateInput,
  type DifficultyFile,
  type DifficultyFlagInput,
  type SharingBasis,
  type SupportMeeting,
  type SupportMeetingInput,
} from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import type { Stamp } from '../kernel/stamp.ts';
import { withSharingEnded } from '../consent/core-sharing.ts';
import { newCaseCode } from '../policy/case-code.ts';

/**
 * The rules of difficult cases (困難事例) and of sharing a case with the core center, as pure
 * functions: each takes the case and its difficulty file as read, and returns them as they must be
 * stored (case version + 1, file revision + 1), or refuses with the reason in Japanese.
 */

/** flagged → escalated → accepted → closing_proposed → closed; a closed episode can start again. */
export const DIFFICULTY_TRANSITIONS: Record<DifficultStatus, readonly DifficultStatus[]> = {
  flagged: ['escalated'],
  escalated: ['accepted'],
  accepted: ['closing_proposed'],
  closing_proposed: ['closed'],
  closed: [],
};

export const canMoveDifficulty = (from: DifficultStatus, to: DifficultStatus): boolean =>
  DIFFICULTY_TRANSITIONS[from].includes(to);

const STATUS_REFUSALS: Record<DifficultStatus, string> = {
  flagged: '困難事例として登録された状態ではありません',
  escalated: '基幹相談支援センターへ連絡された状態ではありません',
  accepted: '基幹相談支援センターが受理した状態ではありません',
  closing_proposed: '終結が提案された状態ではありません',
  closed: '終結した状態ではありません',
};

const NOT_DIFFICULT = 'このケースは困難事例として登録されていません';

/** The file, if the move to `to` is allowed from its status; a refusal (409) otherwise. */
export const requireMove = (file: DifficultyFile | null, to: DifficultStatus): DifficultyFile => {
  if (!file || file.status === 'closed') throw new ConflictError(NOT_DIFFICULT);
  if (!canMoveDifficulty(file.status, to)) {
    const from = (Object.keys(DIFFICULTY_TRANSITIONS) as DifficultStatus[]).find((status) =>
      DIFFICULTY_TRANSITIONS[status].includes(to),
    );
    throw new ConflictError(from ? STATUS_REFUSALS[from] : NOT_DIFFICULT);
  }
  return file;
};

// ── The consent gate ──────────────────────────────────────────────────────────
export const NO_CONSENT_MESSAGE =
  '本人の同意（基幹相談支援センターとの共有）が記録されていないため、基幹相談支援センターと共有できません。虐待の疑いによる緊急時は、緊急の理由を入力してください';
export const EMERGENCY_ONLY_FOR_ABUSE_MESSAGE =
  '同意のない緊急時の共有は、虐待の疑いがある場合（通報義務）に限られます。分類に「虐待」を含めてください';

/**
 * Escalation shares the case with the core center, which needs the person's consent to that
 * purpose. The one exception is an emergency in a case of abuse: the duty to report (障害者虐待防止法)
 * comes before consent, and the emergency's reason is recorded and audited. Fails closed: without a
 * consent known to be in force, only that exception shares.
 */
export const escalationBasis = (
  consentInForce: boolean,
  categories: readonly DifficultCategory[],
  emergency: DifficultyEscalateInput['emergency'],
): Extract<SharingBasis, 'escalation' | 'emergency'> => {
  if (consentInForce) return 'escalation';
  if (!emergency) throw new ConflictError(NO_CONSENT_MESSAGE);
  if (!categories.includes('abuse')) throw new ConflictError(EMERGENCY_ONLY_FOR_ABUSE_MESSAGE);
  return 'emergency';
};

// ── Moves ─────────────────────────────────────────────────────────────────────
export interface DifficultyMove {
  record: CaseRecord;
  file: DifficultyFile;
}

const touchedCase = (record: CaseRecord, file: DifficultyFile, stamp: Stamp): CaseRecord => ({
  ...record,
  difficulty: { status: file.status, categories: file.categories, flaggedOn: file.flaggedOn },
  version: record.version + 1,
  updatedAt: stamp.at,
  updatedBy: stamp.userId,
});

const movedFile = (file: DifficultyFile, status: DifficultStatus, stamp: Stamp): DifficultyFile => ({
  ...file,
  status,
  history: [...file.history, { status, on: stamp.today, at: stamp.at, by: stamp.userId }],
  revision: file.revision + 1,
  updatedAt: stamp.at,
});

/**
 * The office flags its open case. A case whose earlier episode was closed starts a new one; the
 * closed file is kept beside it (`archived`).
 */
export const flagDifficulty = (
  record: CaseRecord,
  previous: DifficultyFile | null,
  input: DifficultyFlagInput,
  stamp: Stamp,
  episodeId: string,
): DifficultyMove & { archived?: DifficultyFile } => {
  if (record.phase === 'closed') throw new ConflictError('終結したケースは困難事例に登録できません');
  if (previous && isOpenDifficulty(previous.status)) {
    throw new ConflictError('このケースは既に困難事例として登録されています');
  }
  const file: DifficultyFile = {
    caseId: record.caseId,
    officeId: record.officeId,
    episodeId,
    status: 'flagged',
    categories: [...input.categories],
    note: input.note,
    flaggedOn: stamp.today,
    history: [{ status: 'flagged', on: stamp.today, at: stamp.at, by: stamp.userId }],
    revision: (previous?.revision ?? 0) + 1,
    createdAt: stamp.at,
    updatedAt: stamp.at,
  };
  return { record: touchedCase(record, file, stamp), file, ...(previous ? { archived: previous } : {}) };
};

/** Escalation shares the case with the core center on the basis the consent gate gave. */
export const escalateDifficulty = (
  record: CaseRecord,
  current: DifficultyFile | null,
  input: DifficultyEscalateInput,
  basis: Extract<SharingBasis, 'escalation' | 'emergency'>,
  stamp: Stamp,
): DifficultyMove => {
  const file = movedFile(requireMove(current, 'escalated'), 'escalated', stamp);
  file.escalation = {
    on: stamp.today,
    reason: input.reason,
    basis,
    ...(input.emergency ? { emergencyReason: input.emergency.reason } : {}),
  };
  return {
    record: {
      ...touchedCase(record, file, stamp),
      sharedWithCore: true,
      sharing: { basis, since: stamp.today },
    },
    file,
  };
};

export const acceptDifficulty = (
  record: CaseRecord,
  current: DifficultyFile | null,
  stamp: Stamp,
): DifficultyMove => {
  const file = movedFile(requireMove(current, 'accepted'), 'accepted', stamp);
  file.acceptedOn = stamp.today;
  return { record: touchedCase(record, file, stamp), file };
};

/**
 * A support meeting (支援会議) of an accepted case: agencies and their contributions, roles with
 * due dates, and the next review date, which becomes the case's review date.
 */
export const recordSupportMeeting = (
  current: DifficultyFile | null,
  input: SupportMeetingInput,
  stamp: Stamp,
  ids: { meetingId: string; assignmentIds: string[] },
): { file: DifficultyFile; meeting: SupportMeeting } => {
  if (!current || current.status !== 'accepted') {
    throw new ConflictError('支援会議は基幹相談支援センターが受理した困難事例について記録できます');
  }
  if (input.heldOn > stamp.today) {
    throw new ValidationError([{ field: 'body.heldOn', message: '開催日に未来の日付は指定できません' }]);
  }
  if (input.heldOn < current.flaggedOn) {
    throw new ValidationError([
      { field: 'body.heldOn', message: '開催日は困難事例の登録日以降にしてください' },
    ]);
  }
  const meeting: SupportMeeting = {
    meetingId: ids.meetingId,
    caseId: current.caseId,
    episodeId: current.episodeId,
    heldOn: input.heldOn,
    agencies: input.agencies,
    summary: input.summary,
    assignments: input.assignments.map((assignment, index) => ({
      assignmentId: ids.assignmentIds[index] ?? `${ids.meetingId}-${index + 1}`,
      ...assignment,
    })),
    nextReviewOn: input.nextReviewOn,
    createdAt: stamp.at,
    createdBy: stamp.userId,
  };
  return {
    file: {
      ...current,
      nextReviewOn: input.nextReviewOn,
      revision: current.revision + 1,
      updatedAt: stamp.at,
    },
    meeting,
  };
};

export const proposeClosure = (
  record: CaseRecord,
  current: DifficultyFile | null,
  input: ClosureProposalInput,
  stamp: Stamp,
): DifficultyMove => {
  const file = movedFile(requireMove(current, 'closing_proposed'), 'closing_proposed', stamp);
  file.closure = { outcome: input.outcome, proposedOn: stamp.today, proposedBy: stamp.userId };
  return { record: touchedCase(record, file, stamp), file };
};

/**
 * A core supervisor's approval closes the episode. Sharing that rested on the emergency ends with
 * it, unless the person has consented since; sharing with consent stays until the consent goes.
 */
export const approveClosure = (
  record: CaseRecord,
  current: DifficultyFile | null,
  consentInForce: boolean,
  stamp: Stamp,
  caseCodeIfUnshared: string = newCaseCode(),
): DifficultyMove & { unshared: boolean } => {
  const proposed = requireMove(current, 'closed');
  const file = movedFile(proposed, 'closed', stamp);
  const { nextReviewOn: _review, ...withoutReview } = file;
  const closed: DifficultyFile = {
    ...withoutReview,
    ...(proposed.closure
      ? { closure: { ...proposed.closure, approvedOn: stamp.today, approvedBy: stamp.userId } }
      : {}),
  };
  const touched = touchedCase(record, closed, stamp);
  if (record.sharing?.basis !== 'emergency') return { record: touched, file: closed, unshared: false };
  if (consentInForce) {
    return {
      record: { ...touched, sharing: { basis: 'escalation', since: stamp.today } },
      file: closed,
      unshared: false,
    };
  }
  return { record: withSharingEnded(touched, caseCodeIfUnshared), file: closed, unshared: true };
};

// ── Sharing by supervision request, and its end ───────────────────────────────
export const requestSupervision = (record: CaseRecord, consentInForce: boolean, stamp: Stamp): CaseRecord => {
  if (record.phase === 'closed') throw new ConflictError('終結したケースは共有できません');
  if (record.sharedWithCore) throw new ConflictError('このケースは既に基幹相談支援センターと共有しています');
  if (!consentInForce) throw new ConflictError(NO_CONSENT_MESSAGE);
  return {
    ...record,
    sharedWithCore: true,
    sharing: { basis: 'supervision_request', since: stamp.today },
    version: record.version + 1,
    updatedAt: stamp.at,
    updatedBy: stamp.userId,
  };
};
