import type { ShellStatus } from '../../../../shared/contract/bridge';

export interface StatusLine {
  label: string;
  value: string;
  tone: 'good' | 'warn' | 'bad' | 'muted';
  help: string;
}

/** What the desktop shell can do on this computer, in the student's words (Settings → This computer). */
export function desktopStatusLines(status: ShellStatus): StatusLine[] {
  const idle: StatusLine =
    status.idle_detection === 'supported'
      ? { label: 'Idle detection', value: 'On', tone: 'good', help: 'When you step away during a focus, the timer asks whether to keep that time.' }
      : status.idle_detection === 'unsupported'
        ? {
            label: 'Idle detection',
            value: 'Not available here',
            tone: 'warn',
            help: 'This desktop (Wayland, for one) does not tell apps how long you have been away, so the timer cannot notice it. Pause the timer when you leave.',
          }
        : { label: 'Idle detection', value: 'Not checked yet', tone: 'muted', help: 'Known once a focus has been running for a minute.' };

  const { accelerator, registered, error } = status.global_shortcut;
  const shortcut: StatusLine = !accelerator
    ? { label: 'Global shortcut', value: 'None', tone: 'muted', help: 'Set one above to start and pause the timer from any app.' }
    : registered
      ? { label: 'Global shortcut', value: accelerator, tone: 'good', help: 'Starts, pauses and resumes the timer from any app.' }
      : { label: 'Global shortcut', value: `${accelerator} is not working`, tone: 'bad', help: error ?? 'Another app holds this key combination. Choose another one above.' };

  return [
    idle,
    shortcut,
    status.tray
      ? { label: 'Tray', value: 'In the tray', tone: 'good', help: 'Closing the window keeps the timer running in the tray.' }
      : { label: 'Tray', value: 'No tray here', tone: 'warn', help: 'This desktop shows no tray icons, so closing the window quits Study Desk.' },
    status.start_at_login
      ? { label: 'Start at login', value: 'On', tone: 'good', help: 'Study Desk opens in the tray when you log in.' }
      : { label: 'Start at login', value: 'Off', tone: 'muted', help: 'Turn it on above to have the timer one click away after you log in.' },
  ];
}
