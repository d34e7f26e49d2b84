import { LedgerEventInput, type LedgerEventKind } from '@kikan/shared/ledger-api';
import { checkInput, linesOf, numberOrUndefined, optionalText, type FormCheck } from '#lib/forms.ts';

/** One capacity-building activity, recorded once: the indicators and each office's record come from it. */
export interface EventFormValues {
  kind: LedgerEventKind | '';
  heldOn: string;
  title: string;
  officeIds: string[];
  /** Named outside organisations, one per line. */
  organisations: string;
  unnamedOrganisationCount: string;
  participantCount: string;
  municipalityCode: string;
  /** Cases the event was about: stored, and from then on only ever shown as a count. */
  caseIds: string[];
  notes: string;
}

export const emptyEventForm = (today: string): EventFormValues => ({
  kind: '',
  heldOn: today,
  title: '',
  officeIds: [],
  organisations: '',
  unnamedOrganisationCount: '',
  participantCount: '',
  municipalityCode: '',
  caseIds: [],
  notes: '',
});

/** Kinds about individual cases: only these offer linked cases. */
export const linksCases = (kind: LedgerEventKind | ''): boolean =>
  kind === 'case_review' || kind === 'advice_visit';

export const toEventBody = (values: EventFormValues) => ({
  kind: values.kind || undefined,
  heldOn: values.heldOn,
  title: values.title,
  officeIds: values.officeIds,
  organisations: linesOf(values.organisations),
  unnamedOrganisationCount: numberOrUndefined(values.unnamedOrganisationCount) ?? 0,
  participantCount: numberOrUndefined(values.participantCount),
  municipalityCode: optionalText(values.municipalityCode),
  caseIds: linksCases(values.kind) ? values.caseIds : [],
  notes: values.notes,
});

export const checkEventForm = (values: EventFormValues): FormCheck<LedgerEventInput> =>
  checkInput(LedgerEventInput, toEventBody(values));

export const EVENT_FIELD_LABELS: Record<string, string> = {
  kind: '活動の種別',
  heldOn: '開催日',
  title: '名称',
  officeIds: '参加した事業所',
  organisations: '参加した機関',
  unnamedOrganisationCount: '名前を挙げない参加機関の数',
  participantCount: '参加者数',
  municipalityCode: '計上する市町村',
  caseIds: '関連する事例',
  notes: '備考',
};
