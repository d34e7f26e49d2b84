import { describe, expect, it } from 'vitest';
import {
  Notification,
  notificationOf,
  notificationTitle,
  notificationsLabel,
  sortNotifications,
} from './notifications.ts';

describe('notifications', () => {
  it('makes no notification of a count of zero', () => {
    expect(notificationOf('monitoring_overdue', 0, '/cases?due=overdue')).toEqual([]);
    expect(notificationOf('monitoring_overdue', 2, '/cases?due=overdue')).toEqual([
      {
        kind: 'monitoring_overdue',
        title: '期限を過ぎたモニタリング',
        count: 2,
        severity: 'high',
        path: '/cases?due=overdue',
      },
    ]);
  });

  it('puts the urgent first, then the kinds in their order, then the fiscal years', () => {
    const items = sortNotifications([
      ...notificationOf('signoff_office_confirmation', 1, '/statistics?fy=2026', 2026),
      ...notificationOf('monitoring_due', 3, '/cases?due=due_this_month'),
      ...notificationOf('signoff_office_confirmation', 1, '/statistics?fy=2025', 2025),
      ...notificationOf('decision_expired', 1, '/#renewals-mine'),
      ...notificationOf('monitoring_overdue', 1, '/cases?due=overdue'),
    ]);
    expect(items.map((item) => `${item.kind}${item.fiscalYear ?? ''}`)).toEqual([
      'monitoring_overdue',
      'decision_expired',
      'monitoring_due',
      'signoff_office_confirmation2025',
      'signoff_office_confirmation2026',
    ]);
  });

  it('names a sign-off by its fiscal year in 令和, and the header by the count', () => {
    expect(notificationTitle('signoff_approval', 2025)).toBe('令和7年度の実績値の承認（市町村）');
    expect(notificationsLabel(3)).toBe('お知らせ 3件');
  });

  it('links only to portal paths: no other host, no free text', () => {
    const valid = { kind: 'monitoring_due', title: 't', count: 1, severity: 'normal' } as const;
    expect(Notification.safeParse({ ...valid, path: '/cases?assigned=me&due=due_this_month' }).success).toBe(
      true,
    );
    for (const path of ['https://evil.example/', '//evil.example', '/cases?q=山田', '/a b', 'cases']) {
      expect(Notification.safeParse({ ...valid, path }).success, path).toBe(false);
    }
  });
});
