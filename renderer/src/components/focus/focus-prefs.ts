import type { TimerMode } from '../../../../shared/domain/timer';

// The last mode, lengths and class the student started with: a per-device convenience (like the
// theme), so it lives in localStorage; the timer itself lives in the core.
const KEY = 'study-desk.focus';
const MODES: readonly TimerMode[] = ['pomodoro', 'stopwatch', 'countdown'];

export interface FocusPrefs {
  mode: TimerMode;
  /** Minutes last started with, per timed mode; unset means the settings' focus length. */
  minutes: Partial<Record<'pomodoro' | 'countdown', number>>;
  class_id: string | null;
}

const DEFAULTS: FocusPrefs = { mode: 'pomodoro', minutes: {}, class_id: null };

export function loadFocusPrefs(): FocusPrefs {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as Partial<FocusPrefs> | null;
    if (!raw || typeof raw !== 'object') return DEFAULTS;
    const minutes: FocusPrefs['minutes'] = {};
    for (const m of ['pomodoro', 'countdown'] as const) {
      const v = raw.minutes?.[m];
      if (Number.isInteger(v) && v! >= 1 && v! <= 720) minutes[m] = v;
    }
    return {
      mode: MODES.includes(raw.mode as TimerMode) ? (raw.mode as TimerMode) : 'pomodoro',
      minutes,
      class_id: typeof raw.class_id === 'string' ? raw.class_id : null,
    };
  } catch {
    return DEFAULTS;
  }
}

export function saveFocusPrefs(prefs: FocusPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: the defaults are fine next time.
  }
}
