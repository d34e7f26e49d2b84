import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSES } from './caseload-records.ts';
import type { FieldError } from './api-error.ts';
import type { Person } from './person.ts';
import { CONSENT_STATUS_LABELS, type ConsentView } from './records-api.ts';

/**
 * Merging two records of one person (ADR 0025): the record the caller keeps wins. Its name, reading,
 * support level and family situation stay as they are; what it lacks — a 受給者証番号, a family
 * situation, a consent of a purpose it has none for — comes from the other record, and the disability
 * categories are the union of both (each was recorded by a professional). Facts that name the person
 * and cannot both be true refuse the merge instead of picking one silently: another birth date,
 * another member municipality, two different recipient numbers, a consent granted on one record and
 * revoked on the other. The caller corrects one record first (利用者情報の編集) and merges then.
 */

export type MergeablePerson = Omit<Person, 'personId' | 'version' | 'createdAt' | 'updatedAt'>;

export interface PersonMergePlan {
  /** The kept record's fields after the merge (its id and version are the caller's to set). */
  person: MergeablePerson;
  /** The consents the kept record has after the merge, one per purpose. */
  consents: ConsentView[];
  /** The fields (and `consents.<purpose>`) taken from the other record: codes only, for the audit. */
  filled: string[];
}

export type PersonMergeOutcome = { ok: true; plan: PersonMergePlan } | { ok: false; conflicts: FieldError[] };

interface MergeSide {
  person: MergeablePerson;
  consents: readonly ConsentView[];
}

/** What differs between the two records so that they cannot be merged as they are, in Japanese. */
export const personMergeConflicts = (kept: MergeSide, other: MergeSide): FieldError[] => {
  const conflicts: FieldError[] = [];
  if (kept.person.birthDate !== other.person.birthDate) {
    conflicts.push({
      field: 'birthDate',
      message: '生年月日が異なります。同一人物であれば、どちらかの記録の生年月日を正してから統合してください',
    });
  }
  if (kept.person.municipalityCode !== other.person.municipalityCode) {
    conflicts.push({
      field: 'municipalityCode',
      message: '市町村が異なります。どちらかの記録の市町村を正してから統合してください',
    });
  }
  if (
    kept.person.recipientNumber &&
    other.person.recipientNumber &&
    kept.person.recipientNumber !== other.person.recipientNumber
  ) {
    conflicts.push({
      field: 'recipientNumber',
      message: '受給者証番号が異なります。受給者証を確かめ、どちらかの記録の番号を正してから統合してください',
    });
  }
  for (const purpose of CONSENT_PURPOSES) {
    const mine = kept.consents.find((consent) => consent.purpose === purpose);
    const theirs = other.consents.find((consent) => consent.purpose === purpose);
    if (mine && theirs && mine.status !== theirs.status) {
      conflicts.push({
        field: `consents.${purpose}`,
        message: `「${CONSENT_PURPOSE_LABELS[purpose]}」の同意が一方は${CONSENT_STATUS_LABELS[mine.status]}、もう一方は${CONSENT_STATUS_LABELS[theirs.status]}です。本人に確かめ、同意をそろえてから統合してください`,
      });
    }
  }
  return conflicts;
};

export const planPersonMerge = (kept: MergeSide, other: MergeSide): PersonMergeOutcome => {
  const conflicts = personMergeConflicts(kept, other);
  if (conflicts.length) return { ok: false, conflicts };

  const filled: string[] = [];
  const recipientNumber = kept.person.recipientNumber ?? other.person.recipientNumber;
  if (!kept.person.recipientNumber && other.person.recipientNumber) filled.push('recipientNumber');
  const familySituation = kept.person.familySituation || other.person.familySituation;
  if (!kept.person.familySituation && other.person.familySituation) filled.push('familySituation');
  const disabilityCategories = [
    ...kept.person.disabilityCategories,
    ...other.person.disabilityCategories.filter(
      (category) => !kept.person.disabilityCategories.includes(category),
    ),
  ];
  if (disabilityCategories.length > kept.person.disabilityCategories.length) {
    filled.push('disabilityCategories');
  }
  const consents = CONSENT_PURPOSES.flatMap((purpose) => {
    const mine = kept.consents.find((consent) => consent.purpose === purpose);
    if (mine) return [mine];
    const theirs = other.consents.find((consent) => consent.purpose === purpose);
    if (!theirs) return [];
    filled.push(`consents.${purpose}`);
    return [theirs];
  });

  return {
    ok: true,
    plan: {
      person: {
        ...kept.person,
        ...(recipientNumber ? { recipientNumber } : {}),
        familySituation,
        disabilityCategories,
      },
      consents,
      filled,
    },
  };
};
