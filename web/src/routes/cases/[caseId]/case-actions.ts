import {
  CASE_PHASE_LABELS,
  PHASE_TRANSITIONS,
  ageOn,
  dateOfReachingAge,
  upcomingTransitions,
  type CasePhase,
  type CaseView,
} from '@kikan/shared';

export interface PhaseButton {
  to: Exclude<CasePhase, 'closed'>;
  label: string;
  /** A plan review goes back from monitoring to planning; everything else moves forward. */
  review: boolean;
}

/**
 * The buttons the phase panel offers: only the moves PHASE_TRANSITIONS allows from where the
 * case is. Closing is not among them: it asks for a reason and a post-evaluation first.
 */
export const phaseButtons = (phase: CasePhase): PhaseButton[] =>
  PHASE_TRANSITIONS[phase]
    .filter((to): to is PhaseButton['to'] => to !== 'closed')
    .map((to) => {
      const review = phase === 'monitoring' && to === 'planning';
      return {
        to,
        review,
        label: review ? '計画を見直す（プランニングへ戻る）' : `${CASE_PHASE_LABELS[to]}へ進む`,
      };
    });

/**
 * Where the person's details were, on a closed case: the office keeps its own file (the case, its
 * timeline and records) but no longer the person's live record, which the API refuses it (404).
 */
export const PERSON_OF_CLOSED_CASE_NOTE =
  'このケースは終結しているため、利用者の最新の情報は表示されません。';

export const canClose = (phase: CasePhase): boolean => PHASE_TRANSITIONS[phase].includes('closed');

/**
 * A child plan case whose person reaches 18 within the next 6 months (or already has): the page
 * offers the guided transfer to an adult plan (DOMAIN: at 18 a child plan must move to an adult plan).
 */
export const transferToAdultDue = (view: CaseView, today: string): boolean => {
  if (view.visibility !== 'full' || view.phase === 'closed') return false;
  if (view.serviceKind !== 'child_plan_consultation') return false;
  return (
    ageOn(view.birthDate, today) >= 18 ||
    upcomingTransitions(view.birthDate, today).some((transition) => transition.age === 18)
  );
};

/**
 * The day the person of a case reaches 18, the day before the 18th birthday by 年齢計算ニ関スル法律
 * (the day the adult plan should start at the latest).
 */
export const adultPlanStartOf = (birthDate: string): string => dateOfReachingAge(birthDate, 18);
