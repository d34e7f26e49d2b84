import { expect } from 'vitest';
import type { TestApi } from './test-api.ts';

type Item = Record<string, unknown>;
const keyOf = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;
const isAudit = (item: Item) => item.entity === 'audit';
const byKey = (items: readonly Item[]) => [...items].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

/**
 * The items refused requests added since `before`, after checking that every other item is exactly
 * as it was: a refusal may add only content-free `denied` audit entries (SECURITY.md rows 1 and 15).
 */
export const itemsAddedByRefusals = async (api: TestApi, before: readonly Item[]): Promise<Item[]> => {
  const after = await api.allItems();
  expect(byKey(after.filter((item) => !isAudit(item)))).toEqual(
    byKey(before.filter((item) => !isAudit(item))),
  );
  const known = new Set(before.map(keyOf));
  const added = after.filter((item) => !known.has(keyOf(item)));
  for (const item of added) {
    expect([item.entity, item.action]).toEqual(['audit', 'denied']);
    // No content: who, what record, when — never the body that was refused.
    expect(Object.keys(item).filter((key) => /body|name|kana|note|text/i.test(key))).toEqual([]);
  }
  return added;
};

/**
 * What refused requests may leave behind: every item exactly as it was, plus one `denied` entry per
 * request refused on a record that exists but is not the caller's — `denials` of them, no more and
 * no fewer. A record of another tenant does not exist for the caller, so its refusal adds nothing.
 */
export const expectOnlyDenials = async (api: TestApi, before: readonly Item[], denials: number) => {
  expect((await itemsAddedByRefusals(api, before)).length).toBe(denials);
};
