import type { TimerView } from '../../shared/contract/timer';

export interface TrayClass {
  id: string;
  name: string;
}

/** What a tray menu item does; main maps each to a core call or a window action. */
export type TrayAction =
  | { kind: 'start'; class_id: string | null }
  | { kind: 'pause' | 'resume' | 'skip' | 'stop' | 'keepIdle' | 'discardIdle' | 'open' | 'sync' | 'quit' };

export interface TrayItem {
  id: string;
  label: string;
  enabled?: boolean;
  separator?: true;
  submenu?: TrayItem[];
  action?: TrayAction;
}

export interface TrayMenuInput {
  timer: TimerView | null;
  classes: readonly TrayClass[];
  /** The core is answering (false while it restarts: the timer actions are disabled). */
  coreReady: boolean;
  signedIn: boolean;
}

const sep = (id: string): TrayItem => ({ id, label: '', separator: true });

/** What the timer is doing, in words (no clock: the menu must not change every second). */
export function statusLabel(timer: TimerView | null, classes: readonly TrayClass[]): string {
  if (!timer || timer.status === 'idle') return 'Not studying';
  const cls = classes.find((c) => c.id === timer.class_id)?.name;
  const what = cls ? ` · ${cls}` : '';
  switch (timer.status) {
    case 'focus':
      return `Focusing${what}`;
    case 'short_break':
      return 'Short break';
    case 'long_break':
      return 'Long break';
    case 'paused':
      if (timer.pause_reason === 'break_over') return 'Break over';
      if (timer.pause_reason === 'finished') return 'Countdown finished';
      if (timer.pause_reason === 'idle') return 'Paused: you were away';
      if (timer.pause_reason === 'suspend') return 'Paused while the computer slept';
      return `Paused${what}`;
  }
}

/** The tray menu of DESIGN §7 for one timer state. */
export function trayMenu({ timer, classes, coreReady, signedIn }: TrayMenuInput): TrayItem[] {
  const status = timer?.status ?? 'idle';
  const items: TrayItem[] = [{ id: 'status', label: coreReady ? statusLabel(timer, classes) : 'Starting…', enabled: false }, sep('sep-status')];
  if (status === 'idle') {
    items.push({
      id: 'start',
      label: 'Start focus',
      enabled: coreReady,
      submenu: [
        { id: 'start:none', label: 'No class', action: { kind: 'start', class_id: null } },
        ...(classes.length ? [sep('sep-classes')] : []),
        ...classes.map((c) => ({ id: `start:${c.id}`, label: c.name.replaceAll('&', '&&'), action: { kind: 'start' as const, class_id: c.id } })),
      ],
    });
  } else {
    if (status === 'focus') items.push({ id: 'pause', label: 'Pause', enabled: coreReady, action: { kind: 'pause' } });
    if (status === 'paused' && timer?.pause_reason !== 'finished') {
      items.push({ id: 'resume', label: timer?.pause_reason === 'break_over' ? 'Start next focus' : 'Resume', enabled: coreReady, action: { kind: 'resume' } });
    }
    if (timer?.mode === 'pomodoro') {
      const inBreak = status === 'short_break' || status === 'long_break';
      if (inBreak) items.push({ id: 'skip', label: 'Skip break', enabled: coreReady, action: { kind: 'skip' } });
      else if (status === 'focus') items.push({ id: 'skip', label: 'Skip to break', enabled: coreReady, action: { kind: 'skip' } });
    }
    if (timer?.idle_since) {
      items.push(
        { id: 'keepIdle', label: 'Keep the time I was away', enabled: coreReady, action: { kind: 'keepIdle' } },
        { id: 'discardIdle', label: 'Discard the time I was away', enabled: coreReady, action: { kind: 'discardIdle' } },
      );
    }
    items.push({ id: 'stop', label: 'Stop & save', enabled: coreReady, action: { kind: 'stop' } });
  }
  items.push(
    sep('sep-window'),
    { id: 'open', label: 'Open Study Desk', action: { kind: 'open' } },
    { id: 'sync', label: 'Sync now', enabled: coreReady && signedIn, action: { kind: 'sync' } },
    sep('sep-quit'),
    { id: 'quit', label: 'Quit Study Desk', action: { kind: 'quit' } },
  );
  return items;
}

/** Electron's MenuItemConstructorOptions, built from the items (pure: main calls Menu.buildFromTemplate). */
export interface MenuTemplateItem {
  id: string;
  label?: string;
  type?: 'separator' | 'submenu' | 'normal';
  enabled?: boolean;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

export function toMenuTemplate(items: readonly TrayItem[], onAction: (action: TrayAction) => void): MenuTemplateItem[] {
  return items.map((item): MenuTemplateItem => {
    if (item.separator) return { id: item.id, type: 'separator' };
    const base = { id: item.id, label: item.label, enabled: item.enabled ?? true };
    if (item.submenu) return { ...base, type: 'submenu', submenu: toMenuTemplate(item.submenu, onAction) };
    const { action } = item;
    return action ? { ...base, type: 'normal', click: () => onAction(action) } : { ...base, type: 'normal' };
  });
}
