import type { RouteIdWithSearchOrHash } from '$app/types';
import type { Role } from '@kikan/shared';

/** The parts of a URL the portal reads; SvelteKit's `page.url` is a read-only URL. */
export interface ReadonlyUrl {
  origin: string;
  pathname: string;
  searchParams: Pick<URLSearchParams, 'get' | 'has'>;
}

export interface NavigationItem {
  href: Exclude<RouteIdWithSearchOrHash, `/cases/[caseId]${string}`>;
  label: string;
}

/** Roles that may open case routes (the API answers 403 to the others). */
export const CASE_ROLES: readonly Role[] = ['specialist', 'office_manager', 'core_supervisor'];

export const canUseCases = (role: Role): boolean => CASE_ROLES.includes(role);

const HOME: NavigationItem = { href: '/', label: 'ホーム' };
const NEW_CASE: NavigationItem = { href: '/cases/new', label: '新規ケース登録' };
const ANONYMOUS: NavigationItem = { href: '/consultations/anonymous', label: '匿名の基本相談' };

/** The header navigation: only what the role can open. */
export const navigationFor = (role: Role): NavigationItem[] => {
  switch (role) {
    case 'specialist':
      return [
        HOME,
        { href: '/cases?assigned=me', label: '担当ケース' },
        { href: '/cases', label: '事業所のケース' },
        NEW_CASE,
        ANONYMOUS,
      ];
    case 'office_manager':
      return [HOME, { href: '/cases', label: '事業所のケース' }, NEW_CASE, ANONYMOUS];
    case 'core_supervisor':
      return [HOME, { href: '/cases', label: '全事業所のケース（仮名化）' }, NEW_CASE];
    case 'municipal_officer':
    case 'tenant_admin':
      return [HOME];
  }
};

/** aria-current for a navigation link: the query string counts, so 担当ケース and 事業所のケース differ. */
export const isCurrent = (item: NavigationItem, url: ReadonlyUrl): boolean => {
  const target = new URL(item.href, url.origin);
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
