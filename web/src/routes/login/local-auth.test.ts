import type { LocalDemoUser } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { groupByTenant, parseDemoUsers } from './local-auth.ts';

const user = (email: string, tenantName: string, officeName = '事業所'): LocalDemoUser => ({
  email,
  displayName: email,
  role: 'specialist',
  roleLabel: '相談支援専門員',
  tenantName,
  officeName,
});

describe('demo users', () => {
  it('groups users by tenant, keeping the order they came in', () => {
    const groups = groupByTenant([
      user('a@kibou.example', '希望市'),
      user('b@midori.example', 'みどり圏域'),
      user('c@kibou.example', '希望市'),
    ]);

    expect(
      groups.map((group) => [
        group.tenantName,
        group.offices.flatMap((office) => office.users.map((u) => u.email)),
      ]),
    ).toEqual([
      ['希望市', ['a@kibou.example', 'c@kibou.example']],
      ['みどり圏域', ['b@midori.example']],
    ]);
  });

  it('groups each tenant by office, in the order the directory lists them', () => {
    const [kibou] = groupByTenant([
      user('a@kibou.example', '希望市', 'ひまわり'),
      user('b@kibou.example', '希望市', 'あおぞら'),
      user('c@kibou.example', '希望市', 'ひまわり'),
    ]);

    expect(kibou?.offices.map((office) => [office.officeName, office.users.map((u) => u.email)])).toEqual([
      ['ひまわり', ['a@kibou.example', 'c@kibou.example']],
      ['あおぞら', ['b@kibou.example']],
    ]);
  });

  it('refuses a users answer without an items list', () => {
    expect(() => parseDemoUsers({ users: [] })).toThrow();
    expect(parseDemoUsers({ items: [user('a@kibou.example', '希望市')] })).toHaveLength(1);
  });
});
