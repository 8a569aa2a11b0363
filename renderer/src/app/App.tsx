import { type ComponentType, lazy, Suspense, useEffect, useRef } from 'react';
import { TimerChip } from '../components/focus/TimerChip';
import { Loading } from '../components/States';
import { Toasts } from '../components/Toasts';
import { useTheme } from '../stores/theme';
import { hrefFor, type Page, PAGE_TITLES, PAGES, useRouter } from './router';

// Focus and Dashboard are what a student opens first: in the initial bundle. The chart-heavy and
// rarely first pages load on demand, which keeps the initial JS small (DESIGN §9).
import DashboardPage from '../pages/Dashboard';
import FocusPage from '../pages/Focus';

const PAGE_COMPONENTS: Record<Page, ComponentType> = {
  dashboard: DashboardPage,
  focus: FocusPage,
  sessions: lazy(() => import('../pages/Sessions')),
  goals: lazy(() => import('../pages/Goals')),
  analytics: lazy(() => import('../pages/Analytics')),
  reports: lazy(() => import('../pages/Reports')),
  settings: lazy(() => import('../pages/Settings')),
};

const NAV_KEYS: Partial<Record<Page, string>> = { dashboard: '1', focus: '2', sessions: '3', goals: '4', analytics: '5', reports: '6', settings: '7' };

export function App() {
  const route = useRouter((s) => s.route);
  const theme = useTheme();
  const main = useRef<HTMLElement>(null);
  const Current = PAGE_COMPONENTS[route.page];

  useEffect(() => {
    document.title = `${PAGE_TITLES[route.page]} · Study Desk`;
  }, [route.page]);

  // Move focus to the page on navigation, so keyboard and screen-reader users start at its top.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [route.page]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Study Desk</div>
        <ul>
          {PAGES.map((page) => (
            <li key={page}>
              <a href={hrefFor(page)} aria-current={route.page === page ? 'page' : undefined} title={`Alt+${NAV_KEYS[page]}`}>
                {PAGE_TITLES[page]}
              </a>
            </li>
          ))}
        </ul>
        <TimerChip />
        <div className="sidebar-footer">
          <label htmlFor="theme-choice">Theme</label>
          <select id="theme-choice" value={theme.choice} onChange={(e) => theme.set(e.target.value as typeof theme.choice)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
      </nav>
      <main id="main" ref={main} tabIndex={-1} className="main">
        <Suspense fallback={<Loading />}>
          <Current key={route.page} />
        </Suspense>
      </main>
      <Toasts />
    </div>
  );
}

// Alt+1…7 jump between pages.
globalThis.addEventListener?.('keydown', (e: KeyboardEvent) => {
  if (!e.altKey || e.ctrlKey || e.metaKey) return;
  const page = (Object.keys(NAV_KEYS) as Page[]).find((p) => NAV_KEYS[p] === e.key);
  if (page) {
    e.preventDefault();
    useRouter.getState().navigate(page);
  }
});
