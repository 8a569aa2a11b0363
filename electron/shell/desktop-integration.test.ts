import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import type { Timers } from './core-bridge';
import { applyStartAtLogin, desktopEntry } from './login-item';
import { NotificationPolicy, type Notice } from './notifications';
import { GlobalShortcut } from './shortcut';
import { SyncTriggers } from './sync-triggers';
import { at, views } from './test-support/timer-views';

describe('notifications', () => {
  it('announces phase ends as they happen, milestones and achievements, and nothing when disabled', () => {
    const shown: Notice[] = [];
    const n = new NotificationPolicy((x) => shown.push(x));
    n.timer(views.focus(24));
    n.timer(views.focus(24.5)); // same state: nothing
    n.timer(views.shortBreak());
    n.timer(views.breakOver());
    n.milestone({ goal_id: '0190e0a0-0000-7000-8000-000000000002', goal_name: 'Read 20 h', milestone: 50, milestone_name: 'Halfway there' });
    n.achievement({ achievement_key: 'first_session', name: 'First session', description: 'You studied.', bonus_points: 5, earned_at: at(0) });
    n.enabled = false;
    n.achievement({ achievement_key: 'streak_3', name: '3-day streak', description: 'x', bonus_points: 10, earned_at: at(0) });
    expect(shown.map((s) => s.title)).toEqual(['Focus done', 'Break over', 'Goal: Read 20 h', 'Achievement: First session']);
    expect(shown[0]!.body).toBe('Well done. Take a 5-minute break.');
  });

  it('shows nothing at all while the setting is off, and resumes when it is turned back on', () => {
    const shown: Notice[] = [];
    const n = new NotificationPolicy((x) => shown.push(x));
    n.enabled = false;
    n.timer(views.focus(24));
    n.timer(views.shortBreak()); // a phase end
    n.milestone({ goal_id: '0190e0a0-0000-7000-8000-000000000002', goal_name: 'Read 20 h', milestone: 100, milestone_name: 'Done' });
    n.achievement({ achievement_key: 'first_session', name: 'First session', description: 'You studied.', bonus_points: 5, earned_at: at(0) });
    n.saved('Saved 25 min');
    n.error('The core refused');
    expect(shown).toEqual([]);
    n.enabled = true;
    n.timer(views.breakOver());
    expect(shown.map((s) => s.title)).toEqual(['Break over']);
  });

  it('stays quiet about phases that ended while the machine slept', () => {
    const shown: Notice[] = [];
    const n = new NotificationPolicy((x) => shown.push(x));
    n.timer(views.focus(10));
    n.timer(views.breakOver()); // woke up 6 minutes after the break ended? (break ended at 30, view at 31)
    expect(shown).toHaveLength(1);
    const late = { ...views.breakOver(), now: at(45) };
    const m = new NotificationPolicy((x) => shown.push(x));
    m.timer(views.focus(10));
    m.timer(late);
    expect(shown).toHaveLength(1);
  });
});

describe('start at login', () => {
  it('writes and removes the XDG autostart entry on Linux', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-autostart-'));
    const port = { platform: 'linux' as const, setLoginItemSettings: () => expect.fail('not on Linux'), autostartDir: join(dir, 'autostart'), command: '/opt/Study Desk/study-desk' };
    applyStartAtLogin(true, port);
    const file = join(dir, 'autostart', 'study-desk.desktop');
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Study Desk/study-desk" --hidden');
    applyStartAtLogin(false, port);
    expect(existsSync(file)).toBe(false);
    rmSync(dir, { recursive: true });
    expect(desktopEntry('/a/$b"c')).toContain('Exec="/a/\\$b\\"c" --hidden');
  });

  it('uses login items on macOS and Windows', () => {
    const seen: unknown[] = [];
    const port = (platform: NodeJS.Platform) => ({ platform, setLoginItemSettings: (s: unknown) => seen.push(s), autostartDir: '/none', command: 'x' });
    applyStartAtLogin(true, port('darwin'));
    applyStartAtLogin(true, port('win32'));
    applyStartAtLogin(false, port('win32'));
    expect(seen).toEqual([{ openAtLogin: true, openAsHidden: true }, { openAtLogin: true, args: ['--hidden'] }, { openAtLogin: false, args: [] }]);
  });
});

describe('global shortcut', () => {
  it('registers, reports a shortcut taken by another app or malformed, and unregisters on change', () => {
    const held = new Set(['CommandOrControl+Shift+T']);
    const mine: string[] = [];
    const shortcut = new GlobalShortcut({
      register: (acc) => {
        if (acc.includes('??')) throw new Error('bad');
        if (held.has(acc)) return false;
        mine.push(acc);
        return true;
      },
      unregister: (acc) => mine.splice(mine.indexOf(acc), 1),
    }, () => undefined);
    expect(shortcut.apply('CommandOrControl+Shift+T')).toEqual({ accelerator: 'CommandOrControl+Shift+T', registered: false, error: 'CommandOrControl+Shift+T is already taken by another application' });
    expect(shortcut.apply('Alt+??')).toMatchObject({ registered: false, error: 'Alt+?? is not a valid shortcut' });
    expect(shortcut.apply('CommandOrControl+Alt+S')).toEqual({ accelerator: 'CommandOrControl+Alt+S', registered: true, error: null });
    expect(mine).toEqual(['CommandOrControl+Alt+S']);
    expect(shortcut.apply(null)).toEqual({ accelerator: null, registered: false, error: null });
    expect(mine).toEqual([]);
  });
});

describe('sync triggers', () => {
  class ManualTimers implements Timers {
    queue: (() => void)[] = [];
    setTimeout(fn: () => void) {
      this.queue.push(fn);
      return this.queue.length;
    }
    clearTimeout() {
      this.queue = [];
    }
    run() {
      for (const fn of this.queue.splice(0)) fn();
    }
  }

  it('syncs once per burst of online/focus triggers, only while signed in', () => {
    const calls: string[] = [];
    const timers = new ManualTimers();
    let now = 0;
    const triggers = new SyncTriggers({ invoke: async (c) => (calls.push(c), { ok: true, data: null } as Result<unknown>), timers, clock: () => now });
    triggers.setOnline(false);
    triggers.setOnline(true);
    timers.run();
    expect(calls).toEqual([]); // signed out
    triggers.setSignedIn(true);
    triggers.setOnline(false);
    triggers.setOnline(true);
    triggers.windowFocused();
    timers.run();
    expect(calls).toEqual(['sync.now']);
    now += 10_000;
    triggers.windowFocused(); // focused again soon after: not another sync
    timers.run();
    expect(calls).toHaveLength(1);
    now += 60_000;
    triggers.windowFocused();
    timers.run();
    expect(calls).toHaveLength(2);
  });

  it('stays quiet while the platform waits for the student (sign-in needed, update required), and resumes after', () => {
    const calls: string[] = [];
    let now = 0;
    const timers = new ManualTimers();
    const triggers = new SyncTriggers({ invoke: async (c) => (calls.push(c), { ok: true, data: null } as Result<unknown>), timers, clock: () => now });
    for (const state of ['sign_in_needed', 'update_required']) {
      triggers.follow({ signed_in: true, state });
      triggers.setOnline(false);
      triggers.setOnline(true);
      now += 120_000;
      triggers.windowFocused();
      timers.run();
      expect(calls, state).toEqual([]);
    }
    triggers.follow({ signed_in: true, state: 'pending' });
    triggers.setOnline(false);
    triggers.setOnline(true);
    timers.run();
    expect(calls).toEqual(['sync.now']);
    triggers.follow({ signed_in: false, state: 'signed_out' });
    now += 120_000;
    triggers.windowFocused();
    timers.run();
    expect(calls).toHaveLength(1);
  });
});
