import { bind } from '../http/create-function.ts';
import {
  getCaseRetention,
  getRetention,
  liftLegalHold,
  listHolds,
  placeLegalHold,
  putRetention,
} from './retention-handlers.ts';
import {
  getCaseRetentionRoute,
  getRetentionRoute,
  liftLegalHoldRoute,
  listLegalHoldsRoute,
  placeLegalHoldRoute,
  putRetentionRoute,
} from '@kikan/shared/contracts/admin';

export const RETENTION_BINDINGS = [
  bind(getRetentionRoute, getRetention),
  bind(putRetentionRoute, putRetention),
  bind(listLegalHoldsRoute, listHolds),
  bind(getCaseRetentionRoute, getCaseRetention),
  bind(placeLegalHoldRoute, placeLegalHold),
  bind(liftLegalHoldRoute, liftLegalHold),
];
