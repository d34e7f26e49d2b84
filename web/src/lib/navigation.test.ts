import { describe, expect, it } from 'vitest';
import { canUseCases, isCurrent, navigationFor, safeReturnPath } from './navigation.ts';

const hrefs = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((item) => item.href);

describe('navigation by role', () => {
  it("gives a specialist their own caseload, the office caseload, the create form, anonymous consultations and the office's figures", () => {
    expect(hrefs('specialist')).toEqual([
      '/',
      '/cases?assigned=me',
      '/cases',
      '/cases/new',
      '/consultations/anonymous',
      '/participation',
      '/statistics',
    ]);
  });

  it('gives an office manager the office caseload and anonymous consultations, not a personal list', () => {
    expect(hrefs('office_manager')).toEqual([
      '/',
      '/cases',
      '/cases/new',
      '/consultations/anonymous',
      '/participation',
      '/statistics',
    ]);
  });

  it('labels the core center list as pseudonymised', () => {
    expect(navigationFor('core_supervisor').map((item) => item.label)).toContain(
      '全事業所のケース（仮名化）',
    );
  });

  it('gives the core supervisor the dashboard, difficult cases, supervision and the ledger', () => {
    expect(navigationFor('core_supervisor').map((item) => [item.href, item.label])).toEqual([
      ['/', 'ホーム'],
      ['/core', 'ダッシュボード'],
      ['/difficult-cases', '困難事例'],
      ['/supervisions', 'スーパービジョン'],
      ['/ledger', '事業実績（台帳）'],
      ['/cases', '全事業所のケース（仮名化）'],
      ['/council', '地域課題・協議会'],
      ['/statistics', '計画の実績・目標'],
    ]);
  });

  it('gives the tenant admin staff, retention and the audit log, and the municipal officer only figures and the council', () => {
    expect(navigationFor('tenant_admin').map((item) => [item.href, item.label])).toEqual([
      ['/', 'ホーム'],
      ['/admin/users', '職員の管理'],
      ['/admin/offices', '事業所の管理'],
      ['/admin/members', '構成市町村'],
      ['/admin/retention', '記録の保存期間'],
      ['/audit', '監査ログ'],
    ]);
    expect(hrefs('municipal_officer')).toEqual(['/', '/statistics', '/council']);
  });

  it('links the admin pages for the tenant admin only', () => {
    for (const role of ['specialist', 'office_manager', 'core_supervisor', 'municipal_officer'] as const) {
      expect(hrefs(role).filter((href) => href.startsWith('/admin'))).toEqual([]);
    }
  });

  it('shows no case links to municipal officers and tenant admins, whom the API refuses', () => {
    expect(hrefs('municipal_officer')).not.toContain('/cases');
    expect(hrefs('tenant_admin')).not.toContain('/cases');
    expect(canUseCases('municipal_officer')).toBe(false);
    expect(canUseCases('tenant_admin')).toBe(false);
    expect(canUseCases('office_manager')).toBe(true);
  });

  it('marks the link of the current page, telling the own caseload from the office caseload', () => {
    const [, mine, office] = navigationFor('specialist');
    const url = new URL('https://portal.example.jp/cases?assigned=me');

    expect(mine && isCurrent(mine, url)).toBe(true);
    expect(office && isCurrent(office, url)).toBe(false);
  });

  it('keeps a section link current on the pages under it, not on look-alike paths', () => {
    const ledger = navigationFor('core_supervisor').find((item) => item.href === '/ledger');
    if (!ledger) throw new Error('the core supervisor has the ledger');

    expect(isCurrent(ledger, new URL('https://portal.example.jp/ledger/events/new'))).toBe(true);
    expect(isCurrent(ledger, new URL('https://portal.example.jp/ledger'))).toBe(true);
    expect(isCurrent(ledger, new URL('https://portal.example.jp/ledgers'))).toBe(false);
  });
});

describe('return path after login', () => {
  it('returns to a path on this origin', () => {
    expect(safeReturnPath('/cases/case-000001')).toBe('/cases/case-000001');
    expect(safeReturnPath('/cases?assigned=me')).toBe('/cases?assigned=me');
  });

  it('refuses other origins and protocol-relative tricks, falling back to home', () => {
    expect(safeReturnPath('https://evil.example/')).toBe('/');
    expect(safeReturnPath('//evil.example/')).toBe('/');
    expect(safeReturnPath('/\\evil.example')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });

  it('does not loop back to the login pages', () => {
    expect(safeReturnPath('/login')).toBe('/');
    expect(safeReturnPath('/auth/callback?code=x')).toBe('/');
  });
});
