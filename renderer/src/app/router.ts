import { create } from 'zustand';

export const PAGES = ['dashboard', 'focus', 'sessions', 'goals', 'analytics', 'reports', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export const PAGE_TITLES: Record<Page, string> = {
  dashboard: 'Dashboard',
  focus: 'Focus',
  sessions: 'Sessions',
  goals: 'Goals',
  analytics: 'Analytics',
  reports: 'Reports',
  settings: 'Settings',
};

export interface Route {
  page: Page;
  /** The path after the page: '#/sessions/<id>' → ['<id>']. */
  params: string[];
  /** '#/reports?kind=weekly&date=2026-11-23' → { kind: 'weekly', date: '2026-11-23' }. */
  query: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [first, ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const page = (PAGES as readonly string[]).includes(first ?? '') ? (first as Page) : 'dashboard';
  return { page, params, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function hrefFor(page: Page, params: string[] = [], query: Record<string, string> = {}): string {
  const path = [page, ...params.map(encodeURIComponent)].join('/');
  const qs = new URLSearchParams(query).toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

interface RouterState {
  route: Route;
  navigate(page: Page, params?: string[], query?: Record<string, string>): void;
}

/** A hash router: works the same from app://, the web host and a file, and survives reloads. */
export const useRouter = create<RouterState>(() => ({
  route: parseHash(globalThis.location?.hash ?? ''),
  navigate(page, params = [], query = {}) {
    globalThis.location.hash = hrefFor(page, params, query);
  },
}));

globalThis.addEventListener?.('hashchange', () => useRouter.setState({ route: parseHash(globalThis.location.hash) }));

export const navigate = (page: Page, params?: string[], query?: Record<string, string>) => useRouter.getState().navigate(page, params, query);
