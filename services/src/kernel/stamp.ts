import { todayInJapan, type TenantContext } from '@kikan/shared';

/** Who changes a record and when: what every write stores beside its new version. */
export interface Stamp {
  at: string;
  userId: string;
  /** Today in Japan: dates in the input are days in Japan. */
  today: string;
}

export const stampOf = (ctx: TenantContext, now: Date): Stamp => ({
  at: now.toISOString(),
  userId: ctx.userId,
  today: todayInJapan(now),
});
