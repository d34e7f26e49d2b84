import { formatFiscalYear } from '@kikan/shared';
import { safeFilename } from './download.ts';

/**
 * 参加記録_相談支援事業所あおぞら_令和8年度.csv: what the office files as evidence for the fee
 * revision. Used when the server proposes no name of its own.
 */
export const participationFilename = (officeName: string, fiscalYear: number): string =>
  `${safeFilename('参加記録', officeName, formatFiscalYear(fiscalYear))}.csv`;
