import type { LocalDemoUser } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { groupByTenant, parseDemoUsers } from './local-auth.ts';

const user = (email: string, tenantName: string): LocalDemoUser => ({
  email,
  displayName: email,
  role: 'specialist',
  roleLabel: '相談支援専門員',
  tenantName,
  officeName: '事業所',
});

describe('demo users', () => {
  it('groups users by tenant, keeping the order they came in', () => {
    const groups = groupByTenant([
      user('a@kibou.example', '希望市'),
      user('b@midori.example', 'みどり圏域'),
      user('c@kibou.example', '希望市'),
    ]);

    expect(groups.map((group) => [group.tenantName, group.users.map((u) => u.email)])).toEqual([
      ['希望市', ['a@kibou.example', 'c@kibou.example']],
      ['みどり圏域', ['b@midori.example']],
    ]);
  });

  it('refuses a users answer without an items list', () => {
    expect(() => parseDemoUsers({ users: [] })).toThrow();
    expect(parseDemoUsers({ items: [user('a@kibou.example', '希望市')] })).toHaveLength(1);
  });
});
