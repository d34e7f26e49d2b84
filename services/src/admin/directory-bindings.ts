import { bind, type RouteBinding } from '../http/create-function.ts';
import {
  addMemberRoute,
  createOfficeRoute,
  getTenantRoute,
  updateOfficeRoute,
} from '@kikan/shared/contracts/admin';
import { addMember, createOffice, getTenant, updateOffice } from './directory-admin.ts';

/** The tenant admin's offices and member municipalities (ADR 0031). */
export const DIRECTORY_BINDINGS: readonly RouteBinding[] = [
  bind(createOfficeRoute, createOffice),
  bind(updateOfficeRoute, updateOffice),
  bind(getTenantRoute, getTenant),
  bind(addMemberRoute, addMember),
];
