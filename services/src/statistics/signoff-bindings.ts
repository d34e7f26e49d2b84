import { bind, type RouteBinding } from '../http/create-function.ts';
import { getStatisticsSettings } from './settings-get.ts';
import { putStatisticsSettings } from './settings-put.ts';
import { approveFigures } from './signoff-approve.ts';
import { confirmCoreFigures } from './signoff-core-confirm.ts';
import { openFiguresCorrection } from './signoff-correct.ts';
import { getSignOff } from './signoff-get.ts';
import { confirmOfficeFigures } from './signoff-office-confirm.ts';
import { recordOfficeFiguresConfirmation } from './signoff-office-record.ts';
import {
  approveFiguresRoute,
  confirmCoreFiguresRoute,
  confirmOfficeFiguresRoute,
  getSignOffRoute,
  getStatisticsSettingsRoute,
  getEvaluationsRoute,
  getTargetsRoute,
  openCorrectionRoute,
  putStatisticsSettingsRoute,
  putEvaluationsRoute,
  putTargetsRoute,
  recordOfficeConfirmationRoute,
} from '@kikan/shared/contracts/statistics';
import { getEvaluations } from './evaluation-get.ts';
import { putEvaluations } from './evaluation-put.ts';
import { getTargets } from './targets-get.ts';
import { putTargets } from './targets-put.ts';

export const SIGNOFF_BINDINGS: readonly RouteBinding[] = [
  bind(getTargetsRoute, getTargets),
  bind(putTargetsRoute, putTargets),
  bind(getEvaluationsRoute, getEvaluations),
  bind(putEvaluationsRoute, putEvaluations),
  bind(getStatisticsSettingsRoute, getStatisticsSettings),
  bind(putStatisticsSettingsRoute, putStatisticsSettings),
  bind(getSignOffRoute, getSignOff),
  bind(confirmOfficeFiguresRoute, confirmOfficeFigures),
  bind(recordOfficeConfirmationRoute, recordOfficeFiguresConfirmation),
  bind(confirmCoreFiguresRoute, confirmCoreFigures),
  bind(approveFiguresRoute, approveFigures),
  bind(openCorrectionRoute, openFiguresCorrection),
];
