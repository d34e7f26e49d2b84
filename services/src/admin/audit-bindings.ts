import { bind, type RouteBinding } from '../http/create-function.ts';
import { exportAuditRoute, listAuditRoute, listAuditStaffRoute } from '@kikan/shared/contracts/admin';
import { exportAudit } from './audit-export.ts';
import { listAudit } from './audit-list.ts';
import { listAuditStaff } from './audit-staff.ts';

export const AUDIT_BINDINGS: readonly RouteBinding[] = [
  bind(listAuditRoute, listAudit),
  bind(exportAuditRoute, exportAudit),
  bind(listAuditStaffRoute, listAuditStaff),
];
