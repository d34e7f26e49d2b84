import {
  WEEKDAYS,
  WEEKDAY_LABELS,
  WEEKLY_ENTRY_KIND_LABELS,
  minutesOfClock,
  type Weekday,
  type WeeklyEntry,
} from '@kikan/shared';

/**
 * The 週間計画表 (様式2-2) as a grid: days as columns, time running down from 6:00 (earlier when an
 * entry starts earlier) to 24:00. Entries that overlap on one day sit side by side in lanes.
 */

export const GRID_START_MINUTES = 6 * 60;
export const GRID_END_MINUTES = 24 * 60;

export interface PlacedEntry {
  entry: WeeklyEntry;
  /** Position in the day's column, in percent of its height and width. */
  top: number;
  height: number;
  left: number;
  width: number;
  /** 「9:30〜15:30 作業所（サービス）」: what a reader hears and what the block says. */
  text: string;
}

export interface WeeklyGridDay {
  day: Weekday;
  label: string;
  entries: PlacedEntry[];
}

export interface WeeklyGrid {
  startMinutes: number;
  endMinutes: number;
  /** Whole hours from the start to 24, for the time column and the hour lines. */
  hours: number[];
  days: WeeklyGridDay[];
}

/** 09:30 → 9:30 (as a timetable prints it). */
export const clockLabel = (value: string): string => value.replace(/^0(\d)/, '$1');

export const entryText = (entry: WeeklyEntry): string =>
  `${clockLabel(entry.start)}〜${clockLabel(entry.end)} ${entry.label}（${WEEKLY_ENTRY_KIND_LABELS[entry.kind]}）`;

interface Lane {
  entry: WeeklyEntry;
  lane: number;
}

/**
 * Lanes for one day's entries: each takes the first lane free at its start; a group of entries
 * that overlap one another (a cluster) shares its lane count, so a lone entry keeps the full width.
 */
export const layOutDay = (
  entries: readonly WeeklyEntry[],
): { entry: WeeklyEntry; lane: number; lanes: number }[] => {
  const sorted = [...entries].sort(
    (a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end) || a.label.localeCompare(b.label),
  );
  const placed: { entry: WeeklyEntry; lane: number; lanes: number }[] = [];
  let cluster: Lane[] = [];
  let laneEnds: string[] = [];
  let clusterEnd = '';
  const closeCluster = () => {
    for (const item of cluster) placed.push({ ...item, lanes: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };
  for (const entry of sorted) {
    if (cluster.length > 0 && entry.start >= clusterEnd) closeCluster();
    const free = laneEnds.findIndex((end) => end <= entry.start);
    const lane = free === -1 ? laneEnds.length : free;
    laneEnds[lane] = entry.end;
    cluster.push({ entry, lane });
    clusterEnd = cluster.length === 1 || entry.end > clusterEnd ? entry.end : clusterEnd;
  }
  closeCluster();
  return placed;
};

export const weeklyGrid = (entries: readonly WeeklyEntry[]): WeeklyGrid => {
  const earliest = Math.min(GRID_START_MINUTES, ...entries.map((entry) => minutesOfClock(entry.start)));
  const startMinutes = Math.floor(earliest / 60) * 60;
  const span = GRID_END_MINUTES - startMinutes;
  const hours: number[] = [];
  for (let hour = startMinutes / 60; hour <= 24; hour += 1) hours.push(hour);
  const percent = (minutes: number) => Math.round((minutes / span) * 100_000) / 1000;
  return {
    startMinutes,
    endMinutes: GRID_END_MINUTES,
    hours,
    days: WEEKDAYS.map((day) => ({
      day,
      label: WEEKDAY_LABELS[day],
      entries: layOutDay(entries.filter((entry) => entry.day === day)).map(({ entry, lane, lanes }) => {
        const start = minutesOfClock(entry.start);
        return {
          entry,
          top: percent(start - startMinutes),
          height: percent(minutesOfClock(entry.end) - start),
          left: Math.round((lane / lanes) * 100_000) / 1000,
          width: Math.round((1 / lanes) * 100_000) / 1000,
          text: entryText(entry),
        };
      }),
    })),
  };
};

/** 9300 → 「9,300円」; not recorded → a dash. */
export const yenLabel = (value: number | undefined): string =>
  value === undefined ? '—' : `${value.toLocaleString('ja-JP')}円`;
