import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSender } from '../src/digest/mail-sender.ts';
import { LOCAL_MAIL_PATH, serveLocalMail } from './mail-page.ts';

/** The local mail catcher (ADR 0038): what the file sender writes, the page lists and shows. */
let directory: string;
let server: Server;
let base: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'kikan-mail-page-'));
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    void serveLocalMail(directory, url.pathname, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(directory, { recursive: true, force: true });
});

describe('the local mail page', () => {
  it('says there is no mail yet, then lists what the file sender wrote, newest first, and shows each', async () => {
    expect(await (await fetch(`${base}${LOCAL_MAIL_PATH}/`)).text()).toContain('まだメールはありません');
    let tick = 0;
    const send = fileSender({
      directory,
      from: 'noreply@kikan.example',
      now: () => new Date(Date.UTC(2026, 11, 8, 0, 0, tick++)),
    });
    await send({ to: 'a@kibou.example', subject: '最初 <b>', text: '本文1 & <script>' });
    await send({ to: 'b@kibou.example', subject: '二通目', text: '本文2' });
    const list = await fetch(`${base}${LOCAL_MAIL_PATH}/`);
    expect(list.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await list.text();
    expect(html.indexOf('二通目')).toBeLessThan(html.indexOf('最初'));
    expect(html).not.toContain('<b>');
    const link = /href="(\/local-mail\/[^"]+)"/.exec(html)?.[1] ?? '';
    const one = await (await fetch(`${base}${link}`)).text();
    expect(one).toContain('二通目');
    expect(one).toContain('本文2');
    const first = [...html.matchAll(/href="(\/local-mail\/[^"]+)"/g)][1]?.[1] ?? '';
    expect(await (await fetch(`${base}${first}`)).text()).toContain('本文1 &#38; &#60;script&#62;');
  });

  it('answers 404 for a name that is not one of its mails, a path outside the folder included', async () => {
    for (const name of [
      'nothing.json',
      '..%2F..%2Fetc%2Fpasswd',
      '2026-01-01T00-00-00.000Z-00000000.json',
      '%E0%A4%A',
    ]) {
      expect((await fetch(`${base}${LOCAL_MAIL_PATH}/${name}`)).status).toBe(404);
    }
  });
});
