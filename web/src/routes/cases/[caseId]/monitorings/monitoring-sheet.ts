import {
  MONITORING_KIND_LABELS,
  MONITORING_METHOD_LABELS,
  SUPPORT_LEVEL_LABELS,
  formatJapaneseEraDate,
  type CaseView,
  type Me,
  type Monitoring,
} from '@kikan/shared';
import { japanDateOfTimestamp } from '#lib/dates.ts';
import {
  NOT_RECORDED,
  formatJapaneseEraMonth,
  type MonitoringSheetHeader,
} from '#lib/sheets/monitoring-sheet.ts';
import { staffName, type SheetContext } from '../plans/plan-api.ts';

export const monitoringSheetHeader = (
  view: CaseView,
  monitoring: Pick<
    Monitoring,
    'kind' | 'method' | 'conductedOn' | 'createdAt' | 'createdBy' | 'nextMonitoringMonth'
  >,
  context: SheetContext,
  me: Me | null,
): MonitoringSheetHeader => ({
  subtitle:
    view.serviceKind === 'child_plan_consultation' ? '継続障害児支援利用援助' : '継続サービス利用支援',
  statusLabel: `${MONITORING_KIND_LABELS[monitoring.kind]}・${MONITORING_METHOD_LABELS[monitoring.method]}`,
  personName: view.visibility === 'full' ? view.personName : view.initials,
  recipientNumber: context.person?.recipientNumber ?? NOT_RECORDED,
  supportLevel: context.person?.supportLevel
    ? SUPPORT_LEVEL_LABELS[context.person.supportLevel]
    : NOT_RECORDED,
  officeName: me && me.officeId === view.officeId ? me.officeName : NOT_RECORDED,
  authorName: staffName(context.staff, monitoring.createdBy, me),
  createdOn: formatJapaneseEraDate(japanDateOfTimestamp(monitoring.createdAt)),
  conductedOn: formatJapaneseEraDate(monitoring.conductedOn),
  nextMonitoringMonth: monitoring.nextMonitoringMonth
    ? formatJapaneseEraMonth(monitoring.nextMonitoringMonth)
    : NOT_RECORDED,
});
