import { MAX_PAGE_SIZE, type Assessment, type AssessmentSummary } from '@kikan/shared';
import { getAssessmentRoute, listAssessmentsRoute } from '@kikan/shared/contracts/caseload';
import type { ApiClient } from './api.ts';

/** アセスメント: what the case page, the assessment pages and the plan form share. */

/** Every assessment of a case, newest first (a case has a handful, one page holds them). */
export const loadAssessments = async (api: ApiClient, caseId: string): Promise<AssessmentSummary[]> => {
  const page = await api.call(listAssessmentsRoute, {
    params: { caseId },
    query: { limit: MAX_PAGE_SIZE },
  });
  return [...page.items].sort((a, b) => b.assessmentVersion - a.assessmentVersion);
};

export const loadAssessment = (
  api: ApiClient,
  caseId: string,
  assessmentVersion: number,
): Promise<Assessment> => api.call(getAssessmentRoute, { params: { caseId, assessmentVersion } });

/** The newest finalised assessment among summaries, or null: what a plan starts from. */
export const latestFinalAssessment = <A extends Pick<AssessmentSummary, 'status' | 'assessmentVersion'>>(
  assessments: readonly A[],
): A | null =>
  assessments
    .filter((assessment) => assessment.status === 'final')
    .reduce<A | null>(
      (best, assessment) =>
        best === null || assessment.assessmentVersion > best.assessmentVersion ? assessment : best,
      null,
    );

/** The newest finalised assessment of a case in full (one audited read), or null when there is none. */
export const loadLatestFinalAssessment = async (
  api: ApiClient,
  caseId: string,
): Promise<Assessment | null> => {
  const latest = latestFinalAssessment(await loadAssessments(api, caseId));
  return latest ? loadAssessment(api, caseId, latest.assessmentVersion) : null;
};
