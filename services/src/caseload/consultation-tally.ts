import { CONSULTATION_CHANNELS, CONSULTATION_COUNTERPARTS } from '@kikan/shared';

/** Every key appears, 0 when nothing happened: tables line up month by month. */
export const tally = (keys: readonly string[], values: string[]) =>
  Object.fromEntries(keys.map((key) => [key, values.filter((value) => value === key).length]));

/**
 * What every monthly consultation count of an office holds (the survey's and the anonymous one's):
 * how many, how long, by 支援方法 and by whom. Counts only, never a record.
 */
export const monthlyTally = (
  month: string,
  officeId: string,
  records: readonly { minutes: number; channel: string; counterpart: string }[],
) => ({
  month,
  officeId,
  total: records.length,
  totalMinutes: records.reduce((sum, record) => sum + record.minutes, 0),
  byChannel: tally(
    CONSULTATION_CHANNELS,
    records.map((record) => record.channel),
  ),
  byCounterpart: tally(
    CONSULTATION_COUNTERPARTS,
    records.map((record) => record.counterpart),
  ),
});
