import { describe, expect, it } from 'vitest';
import type { ShellStatus } from '../../../../shared/contract/bridge';
import { desktopStatusLines } from './desktop-status';

const base: ShellStatus = {
  idle_detection: 'supported',
  global_shortcut: { accelerator: null, registered: false, error: null },
  start_at_login: false,
  tray: true,
};
const line = (status: ShellStatus, label: string) => desktopStatusLines(status).find((l) => l.label === label)!;

describe('Settings → This computer', () => {
  it('says idle detection is not available where the shell found it unsupported (Wayland)', () => {
    expect(line(base, 'Idle detection')).toMatchObject({ value: 'On', tone: 'good' });
    const wayland = line({ ...base, idle_detection: 'unsupported' }, 'Idle detection');
    expect(wayland).toMatchObject({ value: 'Not available here', tone: 'warn' });
    expect(wayland.help).toMatch(/Wayland/);
    expect(line({ ...base, idle_detection: 'unknown' }, 'Idle detection').tone).toBe('muted');
  });

  it('reports a shortcut another app holds, with the reason the shell gave', () => {
    expect(line(base, 'Global shortcut')).toMatchObject({ value: 'None', tone: 'muted' });
    const ok = { accelerator: 'CommandOrControl+Shift+F', registered: true, error: null };
    expect(line({ ...base, global_shortcut: ok }, 'Global shortcut')).toMatchObject({ value: 'CommandOrControl+Shift+F', tone: 'good' });
    const taken = { accelerator: 'Alt+F', registered: false, error: 'Alt+F is already used by another application' };
    expect(line({ ...base, global_shortcut: taken }, 'Global shortcut')).toEqual({
      label: 'Global shortcut', value: 'Alt+F is not working', tone: 'bad', help: 'Alt+F is already used by another application',
    });
  });

  it('explains what closing the window does with and without a tray, and the login item', () => {
    expect(line(base, 'Tray').help).toMatch(/keeps the timer running/);
    expect(line({ ...base, tray: false }, 'Tray')).toMatchObject({ tone: 'warn' });
    expect(line({ ...base, tray: false }, 'Tray').help).toMatch(/quits/);
    expect(line(base, 'Start at login').value).toBe('Off');
    expect(line({ ...base, start_at_login: true }, 'Start at login').value).toBe('On');
  });
});
