import {
  fiscalYearOf,
  DEFAULT_PLAN_PERIODS,
  planPeriodOf,
  todayInJapan,
  type FiscalYearFigures,
  type TenantContext,
} from '@kikan/shared';
import { db, tableName } from '../src/data/client.ts';
import { initialSignOff, signOffItem, snapshotItem, type SignOffRecord } from '../src/data/signoff-store.ts';
import {
  approve,
  confirmCore,
  confirmOffice,
  officeFingerprint,
  type SignOffOffice,
} from '../src/statistics/signoff-rules.ts';
import { loadSignOff } from '../src/statistics/signoff-state.ts';
import { DEMO_USERS } from './demo-data.ts';
import { writeItems } from './seed.ts';

/**
 * The demo's sign-off state: last fiscal year approved as version 1, this year with one office
 * confirmed. Built with the same rules as the API, from the figures the seeded data gives, so the
 * fingerprints match and nothing shows as "changed since confirmation" on a fresh start.
 *
 * The demo has an office manager for あおぞら only; ひまわり and みどり confirm through the specialist
 * the tenant admin named for it (数値確認者), as a small office without a manager does.
 */

const CONFIRMED_BY: Record<string, Record<string, string>> = {
  kibougaoka: { aozora: 'user-tanaka', himawari: 'user-sato', midori: 'user-kobayashi' },
};
const CORE_BY: Record<string, string> = { kibougaoka: 'user-takahashi' };
const APPROVED_BY: Record<string, string> = { kibougaoka: 'user-ito' };
/** This year: the office that has confirmed so far (あおぞら's manager still has it to do). */
const CONFIRMED_THIS_YEAR: Record<string, string> = { kibougaoka: 'himawari' };

const seedContext = (tenantId: string, userId: string): TenantContext => ({
  tenantId,
  userId,
  role: 'municipal_officer',
  officeId: 'demo-seed',
});

const nameOf = (userId: string) => DEMO_USERS.find((user) => user.userId === userId)?.displayName ?? userId;

/** A day of the sign-off season after the year's end, never later than now. */
const dayAfterYearEnd = (fiscalYear: number, days: number, now: Date): string => {
  const at = new Date(Date.UTC(fiscalYear + 1, 3, 1, 1, 0, 0) + days * 24 * 60 * 60 * 1000);
  return (at < now ? at : new Date(now.getTime() - (60 - days) * 60 * 1000)).toISOString();
};

export interface DemoSignOffFigures {
  previous: FiscalYearFigures;
  current: FiscalYearFigures;
  offices: SignOffOffice[];
}

/** The sign-off items (and last year's snapshot) of a demo tenant, from its figures as seeded. */
export const demoSignOffItems = (
  tenantId: string,
  now: Date,
  { previous, current, offices }: DemoSignOffFigures,
): Record<string, unknown>[] => {
  const confirmers = CONFIRMED_BY[tenantId];
  const coreBy = CORE_BY[tenantId];
  const approvedBy = APPROVED_BY[tenantId];
  if (!confirmers || !coreBy || !approvedBy) return [];
  const stamp = (userId: string, at: string) => ({ by: userId, byName: nameOf(userId), at });
  const write = (userId: string) => ({ ctx: seedContext(tenantId, userId), requestId: 'demo-seed', now });

  let last: SignOffRecord = initialSignOff(previous.fiscalYear);
  offices.forEach(({ officeId }, index) => {
    const by = confirmers[officeId];
    if (!by) return;
    last = confirmOffice(last, offices, officeId, {
      ...stamp(by, dayAfterYearEnd(previous.fiscalYear, 10 + index, now)),
      fingerprint: officeFingerprint(previous, officeId),
    });
  });
  last = confirmCore(last, offices, previous, stamp(coreBy, dayAfterYearEnd(previous.fiscalYear, 30, now)));
  const approved = approve(last, previous, stamp(approvedBy, dayAfterYearEnd(previous.fiscalYear, 45, now)));

  const officeId = CONFIRMED_THIS_YEAR[tenantId];
  const officeBy = officeId ? confirmers[officeId] : undefined;
  const thisYear =
    officeId && officeBy
      ? confirmOffice(initialSignOff(current.fiscalYear), offices, officeId, {
          ...stamp(officeBy, new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString()),
          fingerprint: officeFingerprint(current, officeId),
        })
      : null;

  return [
    ...(approved.snapshot ? [snapshotItem(tenantId, approved.snapshot)] : []),
    signOffItem(tenantId, approved.record, write(approvedBy)),
    ...(thisYear && officeBy ? [signOffItem(tenantId, thisYear, write(officeBy))] : []),
  ];
};

/**
 * Writes the demo sign-off state of every demo tenant that has one. It reads the live figures, so
 * it runs once the demo items are in the table and the process is configured for it (TABLE_NAME,
 * DYNAMODB_ENDPOINT), and only on the run that seeded them.
 */
export const seedDemoSignOff = async (now = new Date()): Promise<number> => {
  const currentYear = fiscalYearOf(todayInJapan(now));
  const previousYear = currentYear - 1;
  if (!planPeriodOf(DEFAULT_PLAN_PERIODS, previousYear) || !planPeriodOf(DEFAULT_PLAN_PERIODS, currentYear))
    return 0;
  const items: Record<string, unknown>[] = [];
  for (const tenantId of Object.keys(CONFIRMED_BY)) {
    const ctx = seedContext(tenantId, APPROVED_BY[tenantId] ?? '');
    const [previous, current] = await Promise.all([
      loadSignOff(ctx, previousYear, now),
      loadSignOff(ctx, currentYear, now),
    ]);
    items.push(
      ...demoSignOffItems(tenantId, now, {
        previous: previous.figures,
        current: current.figures,
        offices: previous.offices,
      }),
    );
  }
  await writeItems(db(), tableName(), items);
  return items.length;
};
