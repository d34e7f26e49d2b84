import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { DEMO_TENANTS, DEMO_USERS, demoCases } from '../../services/local/demo-data.ts';

/**
 * SECURITY row 16: the logs carry no personal data. `captureLogs` records everything the local
 * stack writes to stdout/stderr (the structured logger and anything else) while it serves a test
 * run; `scanLog` looks for every seeded name, kana and recipient number in it.
 */

export interface Needle {
  kind: 'name' | 'kana' | 'recipientNumber' | 'staffName' | 'email';
  value: string;
}

export interface Hit {
  kind: Needle['kind'];
  /** Masked: the report must not spread the data it found. */
  value: string;
  line: number;
}

const withoutSpaces = (value: string) => value.replace(/[\s\u3000]+/g, '');

/** Every seeded service user's name, kana and recipient number, and every staff name and email. */
export const seededPersonalData = (now = new Date()): Needle[] => {
  const needles: Needle[] = [];
  for (const tenant of DEMO_TENANTS) {
    for (const { person } of demoCases(tenant.tenantId, now)) {
      needles.push({ kind: 'name', value: person.name }, { kind: 'name', value: withoutSpaces(person.name) });
      needles.push({ kind: 'kana', value: person.kana }, { kind: 'kana', value: withoutSpaces(person.kana) });
      if (person.recipientNumber) needles.push({ kind: 'recipientNumber', value: person.recipientNumber });
    }
  }
  for (const user of DEMO_USERS) {
    needles.push({ kind: 'staffName', value: user.displayName }, { kind: 'email', value: user.email });
  }
  const seen = new Set<string>();
  return needles.filter(
    (needle) => needle.value.length >= 2 && !seen.has(needle.value) && seen.add(needle.value),
  );
};

const mask = (value: string) => `${value.slice(0, 1)}${'*'.repeat(Math.max(1, value.length - 1))}`;

/** JSON logs may escape non-ASCII characters: look at the text and at its unescaped form. */
const unescapeJson = (line: string) =>
  line.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

export const scanLog = (text: string, needles: Needle[]): Hit[] => {
  const hits: Hit[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = `${raw}\n${unescapeJson(raw)}`;
    for (const needle of needles) {
      if (line.includes(needle.value))
        hits.push({ kind: needle.kind, value: mask(needle.value), line: index + 1 });
    }
  });
  return hits;
};

/** Throws unless the log exists, is not empty (so the check can fail) and holds no seeded personal data. */
export const assertLogClean = (file: string, needles = seededPersonalData()): { lines: number } => {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter(Boolean).length;
  if (!lines) throw new Error(`log scan: ${file} is empty; the capture saw nothing, so it proves nothing`);
  const hits = scanLog(text, needles);
  if (hits.length) {
    const sample = hits
      .slice(0, 10)
      .map((hit) => `line ${hit.line}: ${hit.kind} ${hit.value}`)
      .join('; ');
    throw new Error(`log scan: ${hits.length} personal data hits in ${file} (${sample})`);
  }
  return { lines };
};

type Write = typeof process.stdout.write;

/**
 * Tees stdout and stderr into `file` for writes made inside `run` — and inside everything started
 * there, such as the requests a server started there serves — leaving the rest of the process
 * (the test runner's own output) out.
 */
export const captureLogs = (file: string) => {
  writeFileSync(file, '');
  const scope = new AsyncLocalStorage<true>();
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write);
  streams.forEach((stream, index) => {
    const original = originals[index] as Write;
    stream.write = function (this: typeof stream, chunk: unknown, ...rest: unknown[]) {
      if (scope.getStore()) {
        appendFileSync(file, typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array));
      }
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Write;
  });
  return {
    file,
    run: <T>(fn: () => T): T => scope.run(true, fn),
    stop: () => {
      streams.forEach((stream, index) => {
        stream.write = originals[index] as Write;
      });
    },
  };
};
