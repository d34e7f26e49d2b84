import {
  CASE_PHASE_LABELS,
  LEGAL_HOLD_REASONS,
  LEGAL_HOLD_REASON_LABELS,
  ROLE_LABELS,
  type CaseRetention,
  type LegalHold,
  type LegalHoldReason,
  type StaffMember,
} from '@kikan/shared';
import { displayDate } from './dates.ts';
import { optionsOf } from './forms.ts';

/** Legal holds as the tenant admin's retention page and a case's own page show them (ADR 0018). */

export const REASON_OPTIONS = optionsOf(LEGAL_HOLD_REASONS, LEGAL_HOLD_REASON_LABELS);

/** A reason code as Japanese; a code added later shows as it is rather than not at all. */
export const reasonLabel = (reason: string): string =>
  LEGAL_HOLD_REASON_LABELS[reason as LegalHoldReason] ?? reason;

const era = (iso: string) => displayDate(iso).era;

/** Where the case stands, in one sentence: its phase, and when closed, the day it closed and may go. */
export const caseStanding = (retention: CaseRetention): string => {
  if (retention.phase !== 'closed' || !retention.closedOn)
    return `支援の段階は「${CASE_PHASE_LABELS[retention.phase]}」で、終結していないため削除の対象ではありません。`;
  if (!retention.deletableFrom) return `${era(retention.closedOn)}に終結しています。`;
  return `${era(retention.closedOn)}に終結し、保存期間の満了後は${era(retention.deletableFrom)}から削除の対象になります。`;
};

/**
 * Who placed a hold: their name when the staff list at hand has them, with the role they placed
 * it as. A hold without a role predates managers placing holds: the tenant admin placed it.
 */
export const holdSetterLabel = (hold: LegalHold, staff: readonly StaffMember[]): string => {
  const name = staff.find((member) => member.userId === hold.setBy)?.displayName;
  const role = ROLE_LABELS[hold.setByRole ?? 'tenant_admin'];
  return name ? `${name}（${role}）` : role;
};
