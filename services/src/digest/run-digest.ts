import { membershipsOf, todayInJapan, type User } from '@kikan/shared';
import { onTable, type TableHandle } from '../data/client.ts';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { listRegisteredTenants } from '../data/retention-store.ts';
import { notificationsFor } from '../notifications/notifications-for.ts';
import { composeDigest, type DigestSection } from './compose-digest.ts';
import type { MailSender } from './mail-sender.ts';

export interface DigestRun {
  /** The tenant registry, read with the job's own narrow grant. */
  registry: TableHandle;
  /** One tenant's table handle, with that tenant's credentials only (ADR 0017). */
  tableFor: (tenantId: string) => TableHandle;
  now: Date;
  send: MailSender;
  /** The portal's origin, without a trailing slash. */
  portalUrl: string;
  shouldStop?: () => boolean;
  /** Told of each tenant's outcome: counts only, never an address or a name. */
  onTenant?: (report: TenantDigestReport | { tenantId: string; error: string }) => void;
}

export interface TenantDigestReport {
  tenantId: string;
  /** Users who switched the digest on. */
  optedIn: number;
  sent: number;
  /** Opted-in users with nothing to report today: no mail. */
  nothingToReport: number;
  /** Mails SES (or the local folder) refused; the next day's run sends again. */
  failed: number;
}

/** The user's notifications at every office they work for, each as that office's member. */
const sectionsOf = async (
  user: User,
  officeNames: ReadonlyMap<string, string>,
  now: Date,
): Promise<DigestSection[]> => {
  const sections: DigestSection[] = [];
  for (const membership of membershipsOf(user)) {
    const list = await notificationsFor(
      { tenantId: user.tenantId, officeId: membership.officeId, userId: user.userId, role: membership.role },
      now,
    );
    if (list.items.length) {
      sections.push({
        officeName: officeNames.get(membership.officeId) ?? '',
        role: membership.role,
        items: list.items,
      });
    }
  }
  return sections;
};

/** One tenant: its opted-in users, one mail each with something to report. */
const digestOfTenant = async (run: DigestRun, tenantId: string): Promise<TenantDigestReport> =>
  onTable(run.tableFor(tenantId), async () => {
    const [users, offices] = await Promise.all([listUsers(tenantId), listOffices(tenantId)]);
    const officeNames = new Map(offices.map((office) => [office.officeId, office.name]));
    const optedIn = users.filter((user) => user.digestEnabled === true);
    const report: TenantDigestReport = {
      tenantId,
      optedIn: optedIn.length,
      sent: 0,
      nothingToReport: 0,
      failed: 0,
    };
    const today = todayInJapan(run.now);
    for (const user of optedIn) {
      const sections = await sectionsOf(user, officeNames, run.now);
      if (!sections.length) {
        report.nothingToReport += 1;
        continue;
      }
      try {
        await run.send(composeDigest({ to: user.email, today, portalUrl: run.portalUrl, sections }));
        report.sent += 1;
      } catch {
        report.failed += 1;
      }
    }
    return report;
  });

/**
 * The daily digest (ADR 0038): every registered tenant in turn, each with its own credentials; one
 * tenant's failure does not stop the others. The same notifications the portal lists
 * (notificationsFor), computed with each user's context.
 */
export const runDigest = async (
  run: DigestRun,
): Promise<{ reports: TenantDigestReport[]; failed: string[] }> => {
  const tenants = await onTable(run.registry, listRegisteredTenants);
  const reports: TenantDigestReport[] = [];
  const failed: string[] = [];
  for (const tenantId of tenants) {
    if (run.shouldStop?.()) break;
    try {
      const report = await digestOfTenant(run, tenantId);
      reports.push(report);
      run.onTenant?.(report);
    } catch (error) {
      failed.push(tenantId);
      run.onTenant?.({ tenantId, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return { reports, failed };
};
