import type { RouteIdWithSearchOrHash } from '$app/types';
import type { Role } from '@kikan/shared';
import { isCaseWorker } from '@kikan/shared/access-policy';

/** The parts of a URL the portal reads; SvelteKit's `page.url` is a read-only URL. */
export interface ReadonlyUrl {
  origin: string;
  pathname: string;
  searchParams: Pick<URLSearchParams, 'get' | 'has'>;
}

/**
 * Every page the menu links to. Listed rather than derived from all routes: `resolve()` takes a
 * union of at most a couple of dozen routes, and the menu has no business linking anywhere else.
 */
export const MENU_HREFS = [
  '/',
  '/cases?assigned=me',
  '/cases',
  '/cases/new',
  '/consultations/anonymous',
  '/participation',
  '/core',
  '/difficult-cases',
  '/supervisions',
  '/ledger',
  '/audit',
  '/admin/users',
  '/admin/offices',
  '/admin/members',
  '/admin/retention',
  '/council',
  '/statistics',
  '/inbox',
  '/requests',
  '/self-plans',
] as const satisfies readonly RouteIdWithSearchOrHash[];

export interface NavigationItem {
  href: (typeof MENU_HREFS)[number];
  label: string;
}

const link = (href: NavigationItem['href'], label: string): NavigationItem => ({ href, label });

/** Roles that may open case routes (`CASE_WORKERS`; the API answers 403 to the others). */
export const canUseCases = (role: Role): boolean => isCaseWorker(role);

const HOME = link('/', 'ホーム');
const NEW_CASE = link('/cases/new', '新規ケース登録');
const ANONYMOUS = link('/consultations/anonymous', '匿名の基本相談');
/** An office's own evidence of taking part in the council and the core center's trainings (2024 fee revision). */
const PARTICIPATION = link('/participation', '研修・会議への参加記録');
const STATISTICS = link('/statistics', '計画の実績・目標');
const COUNCIL = link('/council', '地域課題・協議会');

/** The header navigation: only what the role can open. */
export const navigationFor = (role: Role): NavigationItem[] => {
  switch (role) {
    case 'specialist':
      return [
        HOME,
        link('/cases?assigned=me', '担当ケース'),
        link('/cases', '事業所のケース'),
        NEW_CASE,
        ANONYMOUS,
        PARTICIPATION,
        STATISTICS,
      ];
    case 'office_manager':
      return [HOME, link('/cases', '事業所のケース'), NEW_CASE, ANONYMOUS, PARTICIPATION, STATISTICS];
    case 'core_supervisor':
      return [
        HOME,
        link('/core', 'ダッシュボード'),
        link('/difficult-cases', '困難事例'),
        link('/supervisions', 'スーパービジョン'),
        link('/ledger', '事業実績（台帳）'),
        link('/cases', '全事業所のケース（仮名化）'),
        COUNCIL,
        STATISTICS,
      ];
    case 'tenant_admin':
      return [
        HOME,
        link('/admin/users', '職員の管理'),
        link('/admin/offices', '事業所の管理'),
        link('/admin/members', '構成市町村'),
        link('/admin/retention', '記録の保存期間'),
        link('/audit', '監査ログ'),
      ];
    case 'municipal_officer':
      return [HOME, STATISTICS, COUNCIL];
    case 'municipal_caseworker':
      return [
        HOME,
        link('/inbox', '提出書類'),
        link('/requests', '計画案の提出依頼'),
        link('/self-plans', 'セルフプラン'),
      ];
  }
};

/** Sections whose pages live under their link (`/ledger/events/new` belongs to 事業実績). */
const SECTIONS = [
  '/core',
  '/difficult-cases',
  '/supervisions',
  '/ledger',
  '/audit',
  '/participation',
  '/council',
  '/statistics',
  '/inbox',
  '/requests',
  '/self-plans',
];

/** aria-current for a navigation link: the query string counts, so 担当ケース and 事業所のケース differ. */
export const isCurrent = (item: NavigationItem, url: ReadonlyUrl): boolean => {
  const target = new URL(item.href, url.origin);
  if (SECTIONS.includes(target.pathname))
    return url.pathname === target.pathname || url.pathname.startsWith(`${target.pathname}/`);
  if (target.pathname !== url.pathname) return false;
  return target.searchParams.get('assigned') === url.searchParams.get('assigned');
};

/**
 * Where to go after logging in, from `?next=`: only a path on this origin, so a crafted login link
 * cannot send the user elsewhere (`//evil.example`, `https://…`, `/\evil.example`).
 */
export const safeReturnPath = (next: string | null): string => {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/auth/')) return '/';
  return next;
};
