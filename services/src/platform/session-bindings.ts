import {
  endSessionRoute,
  refreshSessionRoute,
  sessionActivityRoute,
  startSessionRoute,
} from '@kikan/shared/contracts/platform';
import { bind } from '../http/public-function.ts';
import { endSession, recordSessionActivity, refreshSession, startSession } from './session.ts';

export const SESSION_BINDINGS = [
  bind(startSessionRoute, startSession),
  bind(refreshSessionRoute, refreshSession),
  bind(sessionActivityRoute, recordSessionActivity),
  bind(endSessionRoute, endSession),
];
