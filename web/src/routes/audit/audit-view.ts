import { IsoDate } from '@kikan/shared';
import { AUDIT_ACTION_LABELS, AUDIT_RECORD_TYPE_LABELS } from '@kikan/shared/difficult-api';
import { safeFilename } from '#lib/download.ts';

const timeFormatter = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** 14:05:09 in Japan time: the audit day is a day in Japan, whatever the browser's zone. */
export const japanTimeOf = (timestamp: string): string => timeFormatter.format(new Date(timestamp));

/** The action in Japanese; an action written by a newer feature shows as it is rather than not at all. */
export const actionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

export const recordTypeLabel = (recordType: string): string =>
  AUDIT_RECORD_TYPE_LABELS[recordType] ?? recordType;

/** `?day=` when it is a calendar date, else today (in Japan). */
export const dayFromQuery = (value: string | null, today: string): string =>
  value !== null && IsoDate.safeParse(value).success ? value : today;

/** 監査ログ_2026-11-01_2026-11-23.csv, when the server proposes no name. */
export const auditFilename = (from: string, to: string): string =>
  `${safeFilename('監査ログ', from, from === to ? '' : to)}.csv`;
