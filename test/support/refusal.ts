import { expect } from 'vitest';
import type { TestApi } from './test-api.ts';

type Item = Record<string, unknown>;
const keyOf = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;
const isAudit = (item: Item) => item.entity === 'audit';
const byKey = (items: readonly Item[]) => [...items].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

/**
 * What refused requests may leave behind (SECURITY.md rows 1 and 15): every item exactly as it
 * was, plus one content-free `denied` audit entry per request refused on a record that exists but
 * is not the caller's — `denials` of them, no more and no fewer. A record of another tenant does
 * not exist for the caller, so its refusal adds nothing.
 */
export const expectOnlyDenials = async (api: TestApi, before: readonly Item[], denials: number) => {
  const after = await api.allItems();
  expect(byKey(after.filter((item) => !isAudit(item)))).toEqual(
    byKey(before.filter((item) => !isAudit(item))),
  );
  const known = new Set(before.map(keyOf));
  const added = after.filter((item) => !known.has(keyOf(item)));
  expect(added.map((item) => [item.entity, item.action])).toEqual(Array(denials).fill(['audit', 'denied']));
  for (const item of added) {
    // No content: who, what record, when — never the body that was refused.
    expect(Object.keys(item).filter((key) => /body|name|kana|note|text/i.test(key))).toEqual([]);
  }
};
