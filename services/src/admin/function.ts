import { listOffices } from '../data/directory-store.ts';
import { bind, createFunction } from '../http/create-function.ts';
import {
  addMemberRoute,
  changeUserMembershipRoute,
  createOfficeRoute,
  getMeRoute,
  getTenantRoute,
  updateOfficeRoute,
  listOfficesRoute,
  removeUserRoute,
  exportAuditRoute,
  listAuditRoute,
  listAuditStaffRoute,
} from '@kikan/shared/contracts/admin';
import { exportAudit } from './audit-export.ts';
import { listAudit } from './audit-list.ts';
import { listAuditStaff } from './audit-staff.ts';
import { addMember, createOffice, getTenant, updateOffice } from './directory-admin.ts';
import { getMe } from './get-me.ts';
import { RETENTION_BINDINGS } from './retention-bindings.ts';
import { changeUserMembership, removeUser } from './user-membership.ts';

export const handler = createFunction([
  bind(getMeRoute, getMe),
  bind(listOfficesRoute, async ({ ctx }) => ({ items: await listOffices(ctx.tenantId) })),
  bind(listAuditRoute, listAudit),
  bind(exportAuditRoute, exportAudit),
  bind(listAuditStaffRoute, listAuditStaff),
  ...RETENTION_BINDINGS,
  bind(changeUserMembershipRoute, changeUserMembership),
  bind(removeUserRoute, removeUser),
  bind(createOfficeRoute, createOffice),
  bind(updateOfficeRoute, updateOffice),
  bind(getTenantRoute, getTenant),
  bind(addMemberRoute, addMember),
]);
