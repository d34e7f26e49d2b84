import * as z from 'zod';

/** 困難事例 categories (DOMAIN.md, seed 004). */
export const DIFFICULT_CATEGORIES = [
  'abuse',
  'eighty_fifty',
  'double_care',
  'young_carer',
  'hikikomori',
  'poverty',
  'domestic_violence',
  'offender_support',
  'medical_care',
  'multi_problem_family',
  'disaster_support',
  'long_term_hospitalisation',
  'guardianship',
  'other',
] as const;
export const DifficultCategory = z.enum(DIFFICULT_CATEGORIES);
export type DifficultCategory = z.infer<typeof DifficultCategory>;

export const DIFFICULT_CATEGORY_LABELS: Record<DifficultCategory, string> = {
  abuse: '虐待',
  eighty_fifty: '8050問題',
  double_care: 'ダブルケア',
  young_carer: 'ヤングケアラー',
  hikikomori: 'ひきこもり',
  poverty: '生活困窮',
  domestic_violence: 'DV',
  offender_support: '触法',
  medical_care: '医療的ケア',
  multi_problem_family: '多問題家族',
  disaster_support: '災害時支援',
  long_term_hospitalisation: '長期入院',
  guardianship: '成年後見',
  other: 'その他',
};

/**
 * Where a difficult case stands: flagged by its office → escalated to the core center → accepted
 * (support meetings, roles, reviews) → closing proposed → closed once a core supervisor approves.
 */
export const DIFFICULT_STATUSES = ['flagged', 'escalated', 'accepted', 'closing_proposed', 'closed'] as const;
export const DifficultStatus = z.enum(DIFFICULT_STATUSES);
export type DifficultStatus = z.infer<typeof DifficultStatus>;

export const DIFFICULT_STATUS_LABELS: Record<DifficultStatus, string> = {
  flagged: '困難事例として登録',
  escalated: '基幹へ連絡済み',
  accepted: '基幹が受理・支援中',
  closing_proposed: '終結の承認待ち',
  closed: '終結',
};

/** Open means the core center still has work on it: every status but closed. */
export const isOpenDifficulty = (status: DifficultStatus): boolean => status !== 'closed';

/** How a case came to be shared with the core center, always with consent unless an emergency. */
export const SHARING_BASES = ['escalation', 'supervision_request', 'emergency'] as const;
export const SharingBasis = z.enum(SHARING_BASES);
export type SharingBasis = z.infer<typeof SharingBasis>;
