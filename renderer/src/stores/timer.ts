import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { TimerView } from '../../../shared/contract/timer';
import { api } from '../api';
import { call } from '../lib/call';
import { coreNowMs, displayAt, nextRepaintInMs, type TimerDisplay } from './timer-clock';

export type TimerAction = 'start' | 'pause' | 'resume' | 'skip' | 'stop' | 'discardIdle' | 'keepIdle';

interface TimerStore {
  /** The core's last word on the timer; null until the first answer. */
  view: TimerView | null;
  /** Core clock − local clock when that view arrived (see coreNowMs). */
  skewMs: number;
  /** Why the last load failed (shown until a view arrives). */
  error: unknown;
  /** The action in flight: its button shows busy and a double press does nothing. */
  pending: TimerAction | null;
  /** Takes a view from anywhere (an answer, an event) unless a newer one is already here. */
  receive(view: TimerView): TimerView;
  load(): Promise<void>;
  start(input: ChannelInput<'timer.start'>): Promise<TimerView>;
  pause(): Promise<TimerView>;
  resume(): Promise<TimerView>;
  skip(): Promise<TimerView>;
  stop(input: ChannelInput<'timer.stop'>): Promise<ChannelOutput<'timer.stop'>>;
  discardIdle(): Promise<TimerView>;
  keepIdle(): Promise<TimerView>;
}

/**
 * The focus timer as the core owns it (DESIGN §7). Every answer and every timer.changed event is a
 * full view; the newest (by the core's own `now`) wins, so an answer that arrives after a later
 * event never winds the display back.
 */
export const useTimerStore = create<TimerStore>((set, get) => {
  async function act<T>(action: TimerAction, run: () => Promise<T>, viewOf: (result: T) => TimerView): Promise<T> {
    set({ pending: action });
    try {
      const result = await run();
      get().receive(viewOf(result));
      return result;
    } catch (err) {
      // The state may have moved under us (the tray, another window, a phase end): show the truth.
      void get().load();
      throw err;
    } finally {
      set({ pending: null });
    }
  }

  const same = (v: TimerView) => v;

  return {
    view: null,
    skewMs: 0,
    error: null,
    pending: null,
    receive(view) {
      const current = get().view;
      if (!current || Date.parse(view.now) >= Date.parse(current.now)) {
        set({ view, skewMs: Date.parse(view.now) - Date.now(), error: null });
      }
      return view;
    },
    async load() {
      try {
        get().receive(await call('timer.state', {}));
      } catch (error) {
        set({ error });
      }
    },
    start: (input) => act('start', () => call('timer.start', input), same),
    pause: () => act('pause', () => call('timer.pause', {}), same),
    resume: () => act('resume', () => call('timer.resume', {}), same),
    skip: () => act('skip', () => call('timer.skip', {}), same),
    stop: (input) => act('stop', () => call('timer.stop', input), (r) => r.timer),
    discardIdle: () => act('discardIdle', () => call('timer.discardIdle', {}), same),
    keepIdle: () => act('keepIdle', () => call('timer.keepIdle', {}), same),
  };
});

let started = false;

/**
 * Connects the store to the core once: the first view, every timer.changed, and a fresh read
 * when the window comes back (an event stream may have dropped while it was hidden).
 */
export function connectTimer(): void {
  if (started) return;
  started = true;
  const { load, receive } = useTimerStore.getState();
  api.onEvent('timer.changed', receive);
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void load();
  });
  void load();
}

/**
 * The timer as it reads now, repainted when the shown second changes and never otherwise. The
 * number is derived from the view's timestamps each time (see timer-clock.ts).
 */
export function useTimerDisplay(): { display: TimerDisplay | null; error: unknown } {
  const view = useTimerStore((s) => s.view);
  const skewMs = useTimerStore((s) => s.skewMs);
  const error = useTimerStore((s) => s.error);
  const [, repaint] = useState(0);
  useEffect(connectTimer, []);

  const display = view ? displayAt(view, coreNowMs(skewMs, Date.now())) : null;
  // An open away question shows how long the student has been gone: keep that figure fresh too.
  const wait = display ? (nextRepaintInMs(display) ?? (display.view.idle_since ? 15_000 : null)) : null;
  useEffect(() => {
    if (wait === null) return;
    const handle = setTimeout(() => repaint((n) => n + 1), wait);
    return () => clearTimeout(handle);
  });
  return { display, error };
}
