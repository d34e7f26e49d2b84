import type { SharingBasis } from '@kikan/shared';

/** Why the core center sees the case in full. */
export const SHARING_BASIS_LABELS: Record<SharingBasis, string> = {
  escalation: '本人の同意に基づく連絡',
  supervision_request: '本人の同意に基づくスーパービジョンの依頼',
  emergency: '虐待の疑いによる緊急時の共有（同意なし）',
};
