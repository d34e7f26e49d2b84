import {
  NOTIFICATION_SEVERITY_LABELS,
  ROLE_LABELS,
  formatJapaneseEraDate,
  type Notification,
  type Role,
} from '@kikan/shared';
import type { MailMessage } from './mail-sender.ts';

/** One office the user works for and what it asks of them (two for a part-timer, ADR 0033). */
export interface DigestSection {
  officeName: string;
  role: Role;
  items: readonly Notification[];
}

export interface DigestInput {
  to: string;
  /** JST day the counts are of. */
  today: string;
  /** The portal's origin (and base path), without a trailing slash: each link is it + the item's path. */
  portalUrl: string;
  sections: readonly DigestSection[];
}

/**
 * The daily digest as plain text (ADR 0038): the same notifications as the portal's list, as counts
 * and links only. Nothing of a person — no name, kana, recipient number or date of theirs — is ever
 * in it (the notifications carry none), nor the recipient's own name: a mailbox may be shared.
 */
export const composeDigest = ({ to, today, portalUrl, sections }: DigestInput): MailMessage => {
  const total = sections.reduce((sum, section) => sum + section.items.length, 0);
  const lines = [
    `基幹 Kikan からのお知らせです（${formatJapaneseEraDate(today)}時点）。`,
    '対応が必要な件数と、その一覧を開くリンクをお送りします。',
    '',
  ];
  for (const section of sections) {
    lines.push(`■ ${section.officeName}（${ROLE_LABELS[section.role]}）`);
    for (const item of section.items) {
      const severity = item.severity === 'high' ? `【${NOTIFICATION_SEVERITY_LABELS.high}】` : '';
      lines.push(`・${severity}${item.title}：${item.count}件`, `  ${portalUrl}${item.path}`);
    }
    lines.push('');
  }
  lines.push(
    `お知らせの一覧：${portalUrl}/notifications`,
    '',
    'このメールには、利用者の氏名などの個人情報は含めていません。内容はポータルにログインして確認してください。',
    'メールでのお知らせは、ポータルの「お知らせ」ページでいつでも停止できます。',
  );
  return {
    to,
    subject: `【基幹 Kikan】お知らせ ${total}件（${formatJapaneseEraDate(today)}）`,
    text: `${lines.join('\n')}\n`,
  };
};
