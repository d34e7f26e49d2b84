import {
  PLAN_STATUS_LABELS,
  SUPPORT_LEVEL_LABELS,
  formatJapaneseEraDate,
  type CaseView,
  type Plan,
  type SupportLevel,
} from '@kikan/shared';
import { japanDateOfTimestamp } from '#lib/dates.ts';
import { monitoringPeriodLabel } from '#lib/plans.ts';

/** What the header of the printed plan shows, as on the familiar paper form (様式). */
export interface PlanSheetHeader {
  /** サービス等利用計画（案） / 障害児支援利用計画 */
  title: string;
  statusLabel: string;
  personName: string;
  recipientNumber: string;
  supportLevel: string;
  /** 計画作成日 (計画案作成日 for a draft): the day the version was created, in 令和. */
  createdOn: string;
  officeName: string;
  authorName: string;
  monitoringPeriod: string;
  /** 同意日: only a final plan has one. */
  consentOn: string;
}

export interface PlanSheetSource {
  view: CaseView;
  plan: Pick<Plan, 'status' | 'createdAt' | 'createdOn' | 'consentOn' | 'planVersion'>;
  recipientNumber?: string | undefined;
  supportLevel?: SupportLevel | undefined;
  officeName: string;
  authorName: string;
}

const NOT_RECORDED = '—';

export const planSheetHeader = (source: PlanSheetSource): PlanSheetHeader => {
  const { view, plan } = source;
  const child = view.serviceKind === 'child_plan_consultation';
  const kind = child ? '障害児支援利用計画' : 'サービス等利用計画';
  return {
    title: plan.status === 'draft' ? `${kind}案` : kind,
    statusLabel: `${PLAN_STATUS_LABELS[plan.status]}・第${plan.planVersion}版`,
    personName: view.visibility === 'full' ? view.personName : view.initials,
    recipientNumber: source.recipientNumber ?? NOT_RECORDED,
    supportLevel: source.supportLevel ? SUPPORT_LEVEL_LABELS[source.supportLevel] : NOT_RECORDED,
    createdOn: formatJapaneseEraDate(plan.createdOn ?? japanDateOfTimestamp(plan.createdAt)),
    officeName: source.officeName,
    authorName: source.authorName,
    monitoringPeriod: monitoringPeriodLabel(view.monitoringPeriodMonths),
    consentOn: plan.consentOn ? formatJapaneseEraDate(plan.consentOn) : NOT_RECORDED,
  };
};
