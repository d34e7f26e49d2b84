import {
  PlanRequestInput,
  PlanRequestList,
  PlanRequestParams,
  PlanRequestQuery,
  PlanRequestView,
  SelfPlanInput,
  SelfPlanList,
  SelfPlanParams,
  SelfPlanView,
} from '../municipality-api.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

/**
 * The municipality's caseworker (市町村ケースワーカー, ADR 0044): requests for plan drafts with a due
 * date, which the requested office sees as tasks, and the self-plans filed at the municipality.
 */
const CASEWORKERS = ['municipal_caseworker'] as const;
const REQUEST_READERS = ['municipal_caseworker', 'specialist', 'office_manager'] as const;

export const createPlanRequestRoute = defineRoute({
  method: 'POST',
  path: '/api/plan-requests',
  context: 'municipality',
  access: CASEWORKERS,
  summary:
    "Ask an office for the plan draft (計画案) of a person of the caller's municipality, named by 受給者証番号, by a due date",
  body: PlanRequestInput,
  response: PlanRequestView,
  successStatus: 201,
  idempotent: true,
});

export const listPlanRequestsRoute = defineRoute({
  method: 'GET',
  path: '/api/plan-requests',
  context: 'municipality',
  access: REQUEST_READERS,
  summary:
    "The caseworker: the municipality's requests (office and number, never a name); office staff: their office's open requests with their deadlines",
  query: PlanRequestQuery,
  response: PlanRequestList,
  successStatus: 200,
});

export const withdrawPlanRequestRoute = defineRoute({
  method: 'POST',
  path: '/api/plan-requests/{requestId}/withdrawal',
  context: 'municipality',
  access: CASEWORKERS,
  summary: 'Withdraw an open request of the municipality (If-Match)',
  params: PlanRequestParams,
  response: PlanRequestView,
  successStatus: 200,
  versioned: true,
});

export const createSelfPlanRoute = defineRoute({
  method: 'POST',
  path: '/api/self-plans',
  context: 'municipality',
  access: CASEWORKERS,
  summary:
    'Register a self-plan (セルフプラン) filed at the municipality, without an office: it counts in the self-plan figures',
  body: SelfPlanInput,
  response: SelfPlanView,
  successStatus: 201,
  idempotent: true,
});

export const listSelfPlansRoute = defineRoute({
  method: 'GET',
  path: '/api/self-plans',
  context: 'municipality',
  access: CASEWORKERS,
  summary: "The self-plans filed at the caller's municipality",
  response: SelfPlanList,
  successStatus: 200,
});

export const getSelfPlanRoute = defineRoute({
  method: 'GET',
  path: '/api/self-plans/{selfPlanId}',
  context: 'municipality',
  access: CASEWORKERS,
  summary: "One self-plan of the caller's municipality (an audited read)",
  params: SelfPlanParams,
  response: SelfPlanView,
  successStatus: 200,
});

export const updateSelfPlanRoute = defineRoute({
  method: 'PUT',
  path: '/api/self-plans/{selfPlanId}',
  context: 'municipality',
  access: CASEWORKERS,
  summary: 'Correct a self-plan (If-Match): the figures follow by the difference',
  params: SelfPlanParams,
  body: SelfPlanInput,
  response: SelfPlanView,
  successStatus: 200,
  versioned: true,
});

export const MUNICIPALITY_ROUTES: readonly RouteDefinition[] = [
  createPlanRequestRoute,
  listPlanRequestsRoute,
  withdrawPlanRequestRoute,
  createSelfPlanRoute,
  listSelfPlansRoute,
  getSelfPlanRoute,
  updateSelfPlanRoute,
];
