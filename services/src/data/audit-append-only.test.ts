import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TenantContext } from '@kikan/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ROUTES, routeKey } from '../routes.ts';

/**
 * SECURITY row 15: the access log is append-only. Proven three ways: no route writes to it but the
 * audited operations themselves, its store offers no way to change or remove an entry, and every
 * path that writes an entry does so with a condition that refuses to overwrite one.
 */

const sent: unknown[] = [];
vi.mock('./client.ts', () => ({
  db: () => ({
    send: async (command: { input: unknown }) => {
      sent.push(command.input);
      return {};
    },
  }),
  tableName: () => 'kikan-test',
}));

const CTX = { tenantId: 'kibougaoka', role: 'specialist', officeId: 'himawari', userId: 'user-sato' };
const ctx = CTX as TenantContext;
const NOW = new Date('2026-05-01T01:02:03.000Z');

const SRC = join(import.meta.dirname, '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

beforeEach(() => {
  sent.length = 0;
});

describe('the audit log is append-only', () => {
  it('has no route that changes or removes an entry: every /api/audit route is a GET', () => {
    const audit = ROUTES.filter((route) => /^\/api\/audit\b/.test(route.path));
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.filter((route) => route.method !== 'GET').map(routeKey)).toEqual([]);
  });

  it('offers no update or delete in its store: the exports are an append and reads', async () => {
    const store = await import('./audit-store.ts');
    const names = Object.keys(store);

    expect(names).toContain('appendAudit');
    expect(
      names.filter((name) => /update|delete|remove|purge|overwrite|replace|edit|clear/i.test(name)),
    ).toEqual([]);
  });

  it('appends with attribute_not_exists, so a repeated request id cannot overwrite an entry', async () => {
    const { appendAudit } = await import('./audit-store.ts');
    const { auditItem } = await import('./audit.ts');

    await appendAudit(
      auditItem(ctx, 'req-1', NOW, { action: 'read', recordType: 'case', recordId: 'case-1' }),
    );

    expect(sent).toEqual([
      expect.objectContaining({
        Item: expect.objectContaining({ pk: 'T#kibougaoka#AUDIT#2026-05-01', entity: 'audit' }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ]);
  });

  it('writes the entries of a transaction as new items only, beside the records they account for', async () => {
    const { writeTransaction, putNew } = await import('./transaction.ts');

    await writeTransaction(
      { ctx, requestId: 'req-2', now: NOW },
      [putNew({ pk: 'T#kibougaoka#CASE#case-1', sk: 'CASE' })],
      [
        { action: 'update', recordType: 'case', recordId: 'case-1' },
        { action: 'read', recordType: 'person', recordId: 'person-1' },
      ],
    );

    const [input] = sent as {
      TransactItems: { Put?: { Item: { pk: string }; ConditionExpression?: string } }[];
    }[];
    const auditWrites = (input?.TransactItems ?? []).filter((item) => item.Put?.Item.pk.includes('#AUDIT#'));
    expect(auditWrites).toHaveLength(2);
    for (const write of auditWrites) expect(write.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('builds audit keys only in audit.ts (writer) and audit-store.ts (reader)', () => {
    const users = sourceFiles(SRC)
      .filter((file) => /keys\.audit(Entry|Day)\b|['"`]AUDIT['"`#]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file))
      .sort();

    expect(users).toEqual(['data/audit-store.ts', 'data/audit.ts']);
  });

  it('has no update or delete command in the audit modules', () => {
    for (const file of ['data/audit.ts', 'data/audit-store.ts']) {
      const source = readFileSync(join(SRC, file), 'utf8');
      expect(source, file).not.toMatch(/UpdateCommand|DeleteCommand|BatchWriteCommand|\bUpdate:|\bDelete:/);
    }
  });
});
