import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { assertLogClean, captureLogs, scanLog, seededPersonalData } from '../support/log-scan.ts';

/** The scanner behind SECURITY row 16: it must find what is planted, or its "0 hits" means nothing. */

const [first] = demoCases('kibougaoka', new Date());
if (!first) throw new Error('no demo case');
const { person } = first;
const needles = seededPersonalData();
const dir = mkdtempSync(join(tmpdir(), 'kikan-log-scan-'));
const requestLine = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    level: 'INFO',
    message: 'request',
    routeKey: 'GET /api/cases/{caseId}',
    status: 200,
    ...extra,
  });

describe('the log scanner', () => {
  it('knows every seeded name, kana and recipient number', () => {
    const values = new Set(needles.map((needle) => needle.value));
    expect(values.has(person.name)).toBe(true);
    expect(values.has(person.kana)).toBe(true);
    expect(values.has(person.recipientNumber ?? '')).toBe(true);
    expect(needles.filter((needle) => needle.kind === 'name').length).toBeGreaterThan(100);
  });

  it('finds a planted name, its kana without spaces, an escaped name and a recipient number, masked', () => {
    const log = [
      requestLine(),
      requestLine({ personName: person.name }),
      requestLine({ note: person.kana.replace(/\s/g, '') }),
      requestLine({ escaped: person.name }).replace(
        /[^ -~]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
      `error for ${person.recipientNumber}`,
    ].join('\n');
    const hits = scanLog(log, needles);
    expect(hits.map((hit) => [hit.line, hit.kind])).toEqual(
      expect.arrayContaining([
        [2, 'name'],
        [3, 'kana'],
        [4, 'name'],
        [5, 'recipientNumber'],
      ]),
    );
    expect(hits.every((hit) => hit.line !== 1)).toBe(true);
    expect(JSON.stringify(hits)).not.toContain(person.name);
  });

  it('fails on an empty log and on a planted name, and passes a clean one', () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    expect(() => assertLogClean(empty, needles)).toThrow(/empty/);
    const planted = join(dir, 'planted.log');
    writeFileSync(planted, `${requestLine()}\n${requestLine({ who: person.name })}\n`);
    expect(() => assertLogClean(planted, needles)).toThrow(/1 personal data hits/);
    const clean = join(dir, 'clean.log');
    writeFileSync(clean, `${requestLine()}\n${requestLine({ status: 404 })}\n`);
    expect(assertLogClean(clean, needles)).toEqual({ lines: 2 });
  });

  it('captures what a server started inside the capture writes, and nothing written outside it', async () => {
    const capture = captureLogs(join(dir, 'capture.log'));
    try {
      const server = await capture.run(
        () =>
          new Promise<ReturnType<typeof createServer>>((resolve) => {
            const started = createServer((_request, response) => {
              process.stdout.write(`${requestLine({ marker: 'inside' })}\n`);
              response.end('ok');
            });
            started.listen(0, '127.0.0.1', () => resolve(started));
          }),
      );
      process.stdout.write('outside the capture\n');
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(await response.text()).toBe('ok');
      await new Promise((resolve) => server.close(resolve));
    } finally {
      capture.stop();
    }
    const captured = readFileSync(capture.file, 'utf8');
    expect(captured).toContain('"marker":"inside"');
    expect(captured).not.toContain('outside the capture');
  });
});
