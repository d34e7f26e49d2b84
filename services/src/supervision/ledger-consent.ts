import { personsWithConsent } from '../data/person-store.ts';
import type { LedgerEventRecord } from '../data/ledger-store.ts';
import { ConflictError } from '../kernel/errors.ts';
import {
  casesNeedingCouncilConsent,
  casesWithoutCouncilConsent,
  sessionWithoutConsentMessage,
} from '../consent/council-consent.ts';

type EventLinks = Pick<LedgerEventRecord, 'kind' | 'heldOn' | 'caseIds'>;

/**
 * A council or sub-committee session links a case only with its person's council consent in force
 * on the day it was held (ADR 0022); a case review of the core center is its own work and needs
 * none. Returns the persons whose consent the write relies on (checked again in its transaction);
 * 409 naming the positions of the cases without it.
 */
export const councilConsentsOfEvent = async (
  tenantId: string,
  before: EventLinks | null,
  after: EventLinks,
  personOfCase: ReadonlyMap<string, string>,
): Promise<string[]> => {
  const checked = casesNeedingCouncilConsent(before, after);
  if (checked.length === 0) return [];
  const persons = checked.flatMap((caseId) => personOfCase.get(caseId) ?? []);
  const consenting = await personsWithConsent(tenantId, persons, 'council_anonymised', after.heldOn);
  const missing = casesWithoutCouncilConsent(after.caseIds, personOfCase, consenting, checked);
  if (missing.length) throw new ConflictError(sessionWithoutConsentMessage(missing));
  return [...consenting];
};
