import type { TenantContext } from '@kikan/shared';
import { keys } from '@kikan/shared';

/**
 * `emergency_share`: a case shared with the core center without the person's consent, on an
 * emergency in a case of abuse (the duty to report); a privacy review looks for exactly these.
 * `expired`: a closed case deleted by the retention sweep at the end of its period (ADR 0018).
 */
export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'denied' | 'emergency_share' | 'expired';

export interface AuditEvent {
  action: AuditAction;
  recordType:
    | 'case'
    | 'person'
    | 'service_decision'
    | 'monitoring'
    | 'phase_change'
    | 'consent'
    | 'plan'
    | 'meeting'
    | 'consultation'
    | 'ledger_event'
    | 'senior_specialist'
    | 'difficulty'
    | 'support_meeting'
    | 'sharing'
    | 'supervision'
    | 'regional_issue'
    | 'statistics_settings'
    | 'statistics_targets'
    | 'figures_sign_off'
    | 'figures_snapshot'
    | 'retention_settings'
    | 'legal_hold';
  recordId: string;
  /** The office that owns the record, when known. */
  recordOfficeId?: string;
}

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
