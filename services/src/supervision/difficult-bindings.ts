import { bind, type RouteBinding } from '../http/create-function.ts';
import {
  acceptDifficultyRoute,
  approveClosureRoute,
  completeFollowUpRoute,
  correctSupervisionRoute,
  createSupervisionRoute,
  escalateDifficultyRoute,
  flagDifficultyRoute,
  getDifficultyRoute,
  getSupervisionRoute,
  listDifficultCasesRoute,
  listOverdueReviewsRoute,
  listSupervisionsRoute,
  proposeClosureRoute,
  recordSupportMeetingRoute,
  requestSupervisionRoute,
} from '@kikan/shared/contracts/supervision';
import { acceptDifficultyOperation } from './difficulty-accept.ts';
import { approveClosureOperation } from './difficulty-approve-closure.ts';
import { listDifficultCases, listOverdueReviewsOperation } from './difficulty-board.ts';
import { escalateDifficultyOperation } from './difficulty-escalate.ts';
import { flagDifficultyOperation } from './difficulty-flag.ts';
import { getDifficultyOperation } from './difficulty-get.ts';
import { proposeClosureOperation } from './difficulty-propose-closure.ts';
import { recordSupportMeetingOperation } from './difficulty-support-meeting.ts';
import { correctSupervisionOperation } from './supervision-correct.ts';
import { createSupervisionOperation } from './supervision-create.ts';
import { completeFollowUpOperation } from './supervision-follow-up-done.ts';
import { getSupervisionOperation, listSupervisionsOperation } from './supervision-list.ts';
import { requestSupervisionOperation } from './supervision-request.ts';

export const DIFFICULT_BINDINGS: readonly RouteBinding[] = [
  bind(flagDifficultyRoute, flagDifficultyOperation),
  bind(getDifficultyRoute, getDifficultyOperation),
  bind(escalateDifficultyRoute, escalateDifficultyOperation),
  bind(acceptDifficultyRoute, acceptDifficultyOperation),
  bind(recordSupportMeetingRoute, recordSupportMeetingOperation),
  bind(proposeClosureRoute, proposeClosureOperation),
  bind(approveClosureRoute, approveClosureOperation),
  bind(listDifficultCasesRoute, listDifficultCases),
  bind(listOverdueReviewsRoute, listOverdueReviewsOperation),
  bind(requestSupervisionRoute, requestSupervisionOperation),
  bind(createSupervisionRoute, createSupervisionOperation),
  bind(listSupervisionsRoute, listSupervisionsOperation),
  bind(getSupervisionRoute, getSupervisionOperation),
  bind(correctSupervisionRoute, correctSupervisionOperation),
  bind(completeFollowUpRoute, completeFollowUpOperation),
];
