import {
  CONSENT_PURPOSE_LABELS,
  CONSENT_PURPOSES,
  CONSENT_STATUS_LABELS,
  DISABILITY_CATEGORY_LABELS,
  SUPPORT_LEVEL_LABELS,
  isLikelySamePerson,
  type CaseView,
  type PersonView,
} from '@kikan/shared';

/**
 * The merge page (ADR 0025): which cases of the office may be another record of this person, and
 * the two records side by side. What the merge keeps and what refuses it is the API's rule
 * (shared/person-merge.ts planPersonMerge): the page shows it, it does not decide it.
 */

/** Cases of the office whose person reads the same and was born the same day, under another record. */
export const likelyDuplicateCases = (
  cases: readonly CaseView[],
  kept: Pick<PersonView, 'personId' | 'kana' | 'birthDate'>,
): Extract<CaseView, { visibility: 'full' }>[] =>
  cases.flatMap((view) =>
    view.visibility === 'full' &&
    view.personId !== kept.personId &&
    isLikelySamePerson({ kana: view.personKana, birthDate: view.birthDate }, kept)
      ? [view]
      : [],
  );

export interface ComparisonRow {
  label: string;
  kept: string;
  other: string;
  differs: boolean;
}

const consentText = (person: PersonView, purpose: (typeof CONSENT_PURPOSES)[number]) => {
  const consent = person.consents.find((candidate) => candidate.purpose === purpose);
  return consent ? CONSENT_STATUS_LABELS[consent.status] : 'なし';
};

/** The two records field by field, as the user compares them before confirming. */
export const comparisonRows = (
  kept: PersonView,
  other: PersonView,
  municipalityName: (code: string) => string,
): ComparisonRow[] => {
  const categories = (person: PersonView) =>
    person.disabilityCategories.map((category) => DISABILITY_CATEGORY_LABELS[category]).join('・') || '—';
  const rows: [string, (person: PersonView) => string][] = [
    ['氏名', (person) => person.name],
    ['フリガナ', (person) => person.kana],
    ['生年月日', (person) => person.birthDate],
    ['市町村', (person) => municipalityName(person.municipalityCode)],
    ['受給者証番号', (person) => person.recipientNumber ?? '未交付'],
    ['障害種別', categories],
    ['障害支援区分', (person) => SUPPORT_LEVEL_LABELS[person.supportLevel]],
    ['家族の状況', (person) => person.familySituation || '—'],
    ...CONSENT_PURPOSES.map((purpose): [string, (person: PersonView) => string] => [
      `同意：${CONSENT_PURPOSE_LABELS[purpose]}`,
      (person) => consentText(person, purpose),
    ]),
    ['この事業所のケース数', (person) => `${person.caseIds.length}件`],
  ];
  return rows.map(([label, valueOf]) => {
    const keptValue = valueOf(kept);
    const otherValue = valueOf(other);
    return { label, kept: keptValue, other: otherValue, differs: keptValue !== otherValue };
  });
};
