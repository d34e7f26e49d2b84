import type { Role, TenantContext, UserMembershipState } from '@kikan/shared';
import { keys } from '@kikan/shared';
import type { RecordType } from '../kernel/record-type.ts';

/**
 * `emergency_share`: a case shared with the core center without the person's consent, on an
 * emergency in a case of abuse (the duty to report); a privacy review looks for exactly these.
 * `expired`: a closed case deleted by the retention sweep at the end of its period (ADR 0018).
 * `merge`: two records of one person made one (PersonMergeEvent, ADR 0025).
 * `export`: an office's caseload taken away as a file (the record is the office's caseload).
 */
export type AuditAction =
  'read' | 'create' | 'update' | 'delete' | 'denied' | 'emergency_share' | 'expired' | 'merge' | 'export';

export interface RecordEvent {
  action: AuditAction;
  recordType: RecordType;
  recordId: string;
  /** The office that owns the record, when known. */
  recordOfficeId?: string;
}

/**
 * A tenant admin's change to a staff member (SECURITY.md row 25): the record is the user (recordId
 * = the target's userId), and the entry carries their office, role and status before and after as
 * codes. A staff member's membership is not a client's personal data, and no name is stored.
 */
export interface UserChangeEvent {
  action: 'create' | 'update' | 'delete';
  recordType: 'user';
  recordId: string;
  /** Absent when the user was added (ADR 0033). */
  before?: UserMembershipState;
  after: UserMembershipState;
}

/**
 * Two records of one person merged into one (ADR 0025): the record is the kept person, and the entry
 * says which record was folded into it, which cases moved and which facts it took from the other
 * record — ids and field names, never a value. Before: two records at their versions; after: one.
 */
export interface PersonMergeEvent {
  action: 'merge';
  recordType: 'person';
  recordId: string;
  recordOfficeId: string;
  merge: {
    mergedPersonId: string;
    movedCaseIds: string[];
    filled: string[];
    before: { keptVersion: number; mergedVersion: number };
    after: { keptVersion: number };
  };
}

/** A file import, audited once for all its rows (ADR 0034): the job, and how many rows it wrote. */
export interface ImportEvent {
  action: 'create';
  recordType: 'caseload_import' | 'decisions_import';
  recordId: string;
  recordOfficeId: string;
  rowCount: number;
}

export type AuditEvent = RecordEvent | UserChangeEvent | PersonMergeEvent | ImportEvent;

/**
 * The actor of the retention sweep's audit entries: no user, the tenant's own retention rule. The
 * sweep writes as it; the audit review names it.
 */
export const SWEEPER = {
  userId: 'system-retention',
  officeId: 'system',
  role: 'tenant_admin' satisfies Role,
} as const;

/**
 * One append-only entry per full-record read and per write: who, which record, what, when, which
 * request. No content: the entry must be safe to show to a privacy reviewer.
 */
export const auditItem = (
  ctx: TenantContext,
  requestId: string,
  now: Date,
  event: AuditEvent,
  sequence = 0,
) => {
  const at = now.toISOString();
  return {
    ...keys.auditEntry(ctx.tenantId, at, requestId, sequence),
    entity: 'audit',
    at,
    requestId,
    actorUserId: ctx.userId,
    actorRole: ctx.role,
    actorOfficeId: ctx.officeId,
    ...event,
  };
};
