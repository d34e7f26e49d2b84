import {
  createPlanRequestRoute,
  createSelfPlanRoute,
  getSelfPlanRoute,
  listPlanRequestsRoute,
  listSelfPlansRoute,
  updateSelfPlanRoute,
  withdrawPlanRequestRoute,
} from '@kikan/shared/contracts/municipality';
import { bind, type RouteBinding } from '../http/create-function.ts';
import { createPlanRequest } from './plan-request-create.ts';
import { listPlanRequests } from './plan-request-list.ts';
import { withdrawPlanRequest } from './plan-request-withdraw.ts';
import { createSelfPlan } from './self-plan-create.ts';
import { getSelfPlan } from './self-plan-get.ts';
import { listSelfPlans } from './self-plan-list.ts';
import { updateSelfPlan } from './self-plan-update.ts';

export const MUNICIPALITY_BINDINGS: readonly RouteBinding[] = [
  bind(createPlanRequestRoute, createPlanRequest),
  bind(listPlanRequestsRoute, listPlanRequests),
  bind(withdrawPlanRequestRoute, withdrawPlanRequest),
  bind(createSelfPlanRoute, createSelfPlan),
  bind(listSelfPlansRoute, listSelfPlans),
  bind(getSelfPlanRoute, getSelfPlan),
  bind(updateSelfPlanRoute, updateSelfPlan),
];
