import { bind, type RouteBinding } from '../http/create-function.ts';
import { createLedgerEvent } from './ledger-create-event.ts';
import { getLedgerEvent } from './ledger-get-event.ts';
import { listLedgerEvents } from './ledger-list-events.ts';
import {
  createLedgerEventRoute,
  createSeniorSpecialistRoute,
  exportParticipationRoute,
  getLedgerEventRoute,
  getParticipationRoute,
  listLedgerEventsRoute,
  listSeniorSpecialistsRoute,
  updateLedgerEventRoute,
  updateSeniorSpecialistRoute,
} from '@kikan/shared/contracts/supervision';
import { updateLedgerEvent } from './ledger-update-event.ts';
import { exportParticipation } from './participation-export.ts';
import { getParticipation } from './participation-get.ts';
import { createSeniorSpecialist } from './senior-create.ts';
import { listSeniorSpecialists } from './senior-list.ts';
import { updateSeniorSpecialist } from './senior-update.ts';

export const LEDGER_BINDINGS: readonly RouteBinding[] = [
  bind(createLedgerEventRoute, createLedgerEvent),
  bind(listLedgerEventsRoute, listLedgerEvents),
  bind(getLedgerEventRoute, getLedgerEvent),
  bind(updateLedgerEventRoute, updateLedgerEvent),
  bind(createSeniorSpecialistRoute, createSeniorSpecialist),
  bind(listSeniorSpecialistsRoute, listSeniorSpecialists),
  bind(updateSeniorSpecialistRoute, updateSeniorSpecialist),
  bind(getParticipationRoute, getParticipation),
  bind(exportParticipationRoute, exportParticipation),
];
