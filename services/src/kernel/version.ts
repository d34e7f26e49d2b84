import { PreconditionRequiredError, VersionMismatchError } from './errors.ts';

/**
 * An update names the version it was based on (If-Match); a stale one is refused before anything
 * is written: 428 without it, 412 with the current version as ETag when it is not the current one.
 * The function core runs it for every `versioned` route; the store's conditional write still
 * guards the moment between this check and the write.
 */
export const requireVersion = (ifMatch: number | null, currentVersion: number): number => {
  if (ifMatch === null) throw new PreconditionRequiredError();
  if (ifMatch !== currentVersion) throw new VersionMismatchError(currentVersion);
  return ifMatch;
};
