import { readFile, readdir } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod';

/**
 * The local mail catcher's page (ADR 0038): the digests `npm run digest:send` wrote into
 * KIKAN_DATA_DIR/mail instead of sending them through SES, listed newest first and shown one by one.
 * Only the developer's machine serves it; AWS has no such page.
 */
export const LOCAL_MAIL_PATH = '/local-mail';

const MAIL_FILE = /^[0-9TZ.-]+-[0-9a-f]{8}\.json$/;

const StoredMail = z.object({
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  text: z.string(),
  sentAt: z.string(),
});

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>${escapeHtml(title)}｜基幹 Kikan（ローカル）</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.6}
pre{white-space:pre-wrap;border:1px solid #5a6470;padding:1rem}table{border-collapse:collapse}
td,th{border:1px solid #5a6470;padding:.25rem .5rem;text-align:left}</style></head>
<body><main>${body}</main></body></html>
`;

const send = (response: ServerResponse, status: number, html: string) =>
  response
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    .end(html);

const readMail = async (directory: string, name: string) =>
  StoredMail.parse(JSON.parse(await readFile(join(directory, name), 'utf8')));

export const serveLocalMail = async (directory: string, pathname: string, response: ServerResponse) => {
  const raw = pathname.slice(LOCAL_MAIL_PATH.length).replace(/^\//, '');
  // A malformed escape is a name that is not a mail: 404, never a failure (SECURITY.md row 29).
  let name: string | null;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = null;
  }
  const names = (await readdir(directory).catch(() => [] as string[])).filter((file) => MAIL_FILE.test(file));
  if (name === '') {
    const rows = await Promise.all(
      names
        .sort()
        .reverse()
        .map(async (file) => {
          const mail = await readMail(directory, file);
          return `<tr><td>${escapeHtml(mail.sentAt)}</td><td>${escapeHtml(mail.to)}</td><td><a href="${LOCAL_MAIL_PATH}/${encodeURIComponent(file)}">${escapeHtml(mail.subject)}</a></td></tr>`;
        }),
    );
    const list = rows.length
      ? `<table><caption>送信したメール（新しい順）</caption><thead><tr><th scope="col">送信日時</th><th scope="col">宛先</th><th scope="col">件名</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '<p>まだメールはありません。<code>npm run digest:send</code> でお知らせのメールを送ると、ここに表示されます。</p>';
    return send(
      response,
      200,
      page(
        'ローカルのメール',
        `<h1>ローカルのメール</h1><p>SES の代わりに ${escapeHtml(directory)} に保存したメールです。</p>${list}`,
      ),
    );
  }
  if (name === null || !MAIL_FILE.test(name) || !names.includes(name)) {
    return send(response, 404, page('見つかりません', '<h1>メールが見つかりません</h1>'));
  }
  const mail = await readMail(directory, name);
  return send(
    response,
    200,
    page(
      mail.subject,
      `<p><a href="${LOCAL_MAIL_PATH}/">一覧に戻る</a></p><h1>${escapeHtml(mail.subject)}</h1>
<dl><dt>差出人</dt><dd>${escapeHtml(mail.from)}</dd><dt>宛先</dt><dd>${escapeHtml(mail.to)}</dd><dt>送信日時</dt><dd>${escapeHtml(mail.sentAt)}</dd></dl>
<pre>${escapeHtml(mail.text)}</pre>`,
    ),
  );
};
