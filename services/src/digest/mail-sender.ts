import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

/** One plain-text e-mail in Japanese (UTF-8). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export type MailSender = (message: MailMessage) => Promise<void>;

/**
 * Sending through Amazon SES (API v2) from the one verified identity the function may use (its IAM
 * grant names only that identity, ADR 0038). `from` is an address of that identity.
 */
export const sesSender = (options: {
  from: string;
  identityArn: string;
  client?: SESv2Client;
}): MailSender => {
  const client = options.client ?? new SESv2Client({});
  return async (message) => {
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: options.from,
        FromEmailAddressIdentityArn: options.identityArn,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  };
};

/** A stored local mail: what the local mail page lists and shows. */
export interface StoredMail extends MailMessage {
  from: string;
  sentAt: string;
}

/**
 * The local stand-in for SES: each mail a JSON file in `directory` (KIKAN_DATA_DIR/mail), named so
 * that the newest sorts last; the gateway's /local-mail/ page lists and shows them.
 */
export const fileSender = (options: { directory: string; from: string; now?: () => Date }): MailSender => {
  return async (message) => {
    await mkdir(options.directory, { recursive: true });
    const sentAt = (options.now?.() ?? new Date()).toISOString();
    const stored: StoredMail = { ...message, from: options.from, sentAt };
    const name = `${sentAt.replaceAll(':', '-')}-${randomUUID().slice(0, 8)}.json`;
    await writeFile(join(options.directory, name), `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  };
};
