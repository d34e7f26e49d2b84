import { DifficultyDetail } from '@kikan/shared/difficult-api';
import { getDifficultyRoute } from '@kikan/shared/contracts/supervision';
import { ApiError, type ApiClient } from '#lib/api.ts';

/** The case's difficulty file and support meetings; null when the case was never flagged (404). */
export const loadDifficulty = async (api: ApiClient, caseId: string): Promise<DifficultyDetail | null> => {
  try {
    return await api.call(getDifficultyRoute, { params: { caseId } });
  } catch (caught) {
    if (caught instanceof ApiError && caught.status === 404) return null;
    throw caught;
  }
};
