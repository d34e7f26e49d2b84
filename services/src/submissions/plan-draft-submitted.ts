import type { TransactItem } from '../data/transaction.ts';

/** A 計画案 of a case went to the municipality (ADR 0043). */
export interface PlanDraftSubmitted {
  tenantId: string;
  caseId: string;
  officeId: string;
  municipalityCode: string;
  submissionId: string;
  planVersion: number;
  submittedAt: string;
}

/**
 * The hook other features of the municipality use when a 計画案 of a case is submitted (e.g. the
 * 計画案提出依頼 it answers): the items returned are written in the submission's own transaction,
 * so either both are recorded or neither. Nothing uses it yet.
 */
export const planDraftSubmitted = async (_event: PlanDraftSubmitted): Promise<TransactItem[]> => [];
