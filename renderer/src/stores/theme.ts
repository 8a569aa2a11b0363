import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'study-desk.theme';

const media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
const resolve = (choice: ThemeChoice): 'light' | 'dark' => (choice === 'system' ? (media?.matches ? 'dark' : 'light') : choice);

function apply(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = resolve(choice);
  document.documentElement.style.colorScheme = resolve(choice);
}

interface ThemeState {
  choice: ThemeChoice;
  resolved: 'light' | 'dark';
  set(choice: ThemeChoice): void;
}

const stored = (globalThis.localStorage?.getItem(KEY) ?? 'system') as ThemeChoice;
const initial: ThemeChoice = ['system', 'light', 'dark'].includes(stored) ? stored : 'system';

/** The look is a per-device preference (not study data), so it lives in localStorage, not the database. */
export const useTheme = create<ThemeState>((set) => ({
  choice: initial,
  resolved: resolve(initial),
  set(choice) {
    localStorage.setItem(KEY, choice);
    apply(choice);
    set({ choice, resolved: resolve(choice) });
  },
}));

apply(initial);
media?.addEventListener('change', () => {
  const { choice } = useTheme.getState();
  apply(choice);
  useTheme.setState({ resolved: resolve(choice) });
});
