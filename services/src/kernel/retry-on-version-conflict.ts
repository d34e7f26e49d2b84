import { ConflictError, VersionMismatchError } from './errors.ts';

/**
 * Creates that also update their case (a monitoring moves the due date) read the case, compute and
 * write it back at the version read. When another writer got in between, the work is redone once
 * on a fresh read; a second loss is a 409 the client may retry, not a 412: the client named no
 * version it could reload.
 */
export const retryOnceOnVersionConflict = async <T>(attempt: (count: 0 | 1) => Promise<T>): Promise<T> => {
  try {
    return await attempt(0);
  } catch (error) {
    if (!(error instanceof VersionMismatchError)) throw error;
  }
  try {
    return await attempt(1);
  } catch (error) {
    if (error instanceof VersionMismatchError) {
      throw new ConflictError('同時に別の更新が行われました。もう一度お試しください');
    }
    throw error;
  }
};
