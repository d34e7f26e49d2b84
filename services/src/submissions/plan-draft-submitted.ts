import { requestFulfilment, type RequestFulfilment } from '../data/plan-request-store.ts';
import type { WriteContext } from '../data/transaction.ts';

/** A 計画案 of a case went to the municipality (ADR 0043). */
export interface PlanDraftSubmitted {
  caseId: string;
  officeId: string;
  municipalityCode: string;
  submissionId: string;
  planVersion: number;
  submittedAt: string;
}

/**
 * What other features of the municipality write when a 計画案 of a case is submitted, in the
 * submission's own transaction, so either both are recorded or neither: the 計画案提出依頼 of the
 * case it answers are fulfilled (ADR 0044).
 */
export const planDraftSubmitted = (
  write: WriteContext,
  event: PlanDraftSubmitted,
): Promise<RequestFulfilment> => requestFulfilment(write, event);
