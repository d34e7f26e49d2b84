import { bind, type RouteBinding } from '../http/create-function.ts';
import { completeAssignment } from './complete-assignment.ts';
import { countAnonymousConsultations } from './count-anonymous-consultations.ts';
import { countConsultations } from './count-consultations.ts';
import { createAnonymousConsultation } from './create-anonymous-consultation.ts';
import { createAssessment } from './create-assessment.ts';
import { createConsultation } from './create-consultation.ts';
import { createMeeting } from './create-meeting.ts';
import { createPlan } from './create-plan.ts';
import { finalizeAssessment } from './finalize-assessment.ts';
import { finalizePlan } from './finalize-plan.ts';
import { getAssessment } from './get-assessment.ts';
import { getConsultation } from './get-consultation.ts';
import { getMeeting } from './get-meeting.ts';
import { getPerson } from './get-person.ts';
import { getPlan } from './get-plan.ts';
import { grantConsent } from './grant-consent.ts';
import { listAssessments } from './list-assessments.ts';
import { listLifeStageAlerts } from './list-life-stage-alerts.ts';
import { listOpenAssignments } from './list-open-assignments.ts';
import { listPlans } from './list-plans.ts';
import { listStaff } from './list-staff.ts';
import { mergePersons } from './merge-persons.ts';
import {
  completeAssignmentRoute,
  countAnonymousConsultationsRoute,
  countConsultationsRoute,
  createAnonymousConsultationRoute,
  createAssessmentRoute,
  createConsultationRoute,
  createMeetingRoute,
  createPlanRoute,
  finalizeAssessmentRoute,
  finalizePlanRoute,
  getAssessmentRoute,
  getConsultationRoute,
  getMeetingRoute,
  getPersonRoute,
  getPlanRoute,
  grantConsentRoute,
  listAssessmentsRoute,
  listLifeStageAlertsRoute,
  listOpenAssignmentsRoute,
  listPlansRoute,
  listStaffRoute,
  mergePersonsRoute,
  revokeConsentRoute,
  searchCasesRoute,
  transferToAdultRoute,
  updateAssessmentRoute,
  updatePersonRoute,
  updatePlanRoute,
} from '@kikan/shared/contracts/caseload';
import { revokeConsent } from './revoke-consent.ts';
import { searchCases } from './search-cases.ts';
import { transferToAdult } from './transfer-to-adult.ts';
import { updateAssessment } from './update-assessment.ts';
import { updatePerson } from './update-person.ts';
import { updatePlan } from './update-plan.ts';

export const RECORD_BINDINGS: readonly RouteBinding[] = [
  bind(getPersonRoute, getPerson),
  bind(updatePersonRoute, updatePerson),
  bind(mergePersonsRoute, mergePersons),
  bind(grantConsentRoute, grantConsent),
  bind(revokeConsentRoute, revokeConsent),
  bind(createPlanRoute, createPlan),
  bind(listPlansRoute, listPlans),
  bind(getPlanRoute, getPlan),
  bind(updatePlanRoute, updatePlan),
  bind(finalizePlanRoute, finalizePlan),
  bind(createAssessmentRoute, createAssessment),
  bind(listAssessmentsRoute, listAssessments),
  bind(getAssessmentRoute, getAssessment),
  bind(updateAssessmentRoute, updateAssessment),
  bind(finalizeAssessmentRoute, finalizeAssessment),
  bind(createMeetingRoute, createMeeting),
  bind(getMeetingRoute, getMeeting),
  bind(completeAssignmentRoute, completeAssignment),
  bind(listOpenAssignmentsRoute, listOpenAssignments),
  bind(createConsultationRoute, createConsultation),
  bind(getConsultationRoute, getConsultation),
  bind(countConsultationsRoute, countConsultations),
  bind(createAnonymousConsultationRoute, createAnonymousConsultation),
  bind(countAnonymousConsultationsRoute, countAnonymousConsultations),
  bind(listLifeStageAlertsRoute, listLifeStageAlerts),
  bind(transferToAdultRoute, transferToAdult),
  bind(searchCasesRoute, searchCases),
  bind(listStaffRoute, listStaff),
];
