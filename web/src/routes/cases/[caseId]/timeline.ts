import type { CaseTimeline, TimelineEntry, TimelineEntryKind } from '@kikan/shared';

export const TIMELINE_KIND_LABELS: Record<TimelineEntryKind, string> = {
  decision: '支給決定',
  monitoring: 'モニタリング',
  phase: '支援の段階',
  plan: '計画',
  meeting: 'サービス担当者会議',
  consultation: '相談記録',
};

/** Newest first, as staff read a case file: by the day the entry is about, then by when it was written. */
export const newestFirst = (timeline: Pick<CaseTimeline, 'entries'>): TimelineEntry[] =>
  [...timeline.entries].sort(
    (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt),
  );

export { ACHIEVEMENT_LABELS } from '#lib/sheets/monitoring-sheet.ts';
