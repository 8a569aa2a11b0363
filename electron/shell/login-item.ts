import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The flag the app starts with at login: into the tray, no window. */
export const HIDDEN_FLAG = '--hidden';
export const AUTOSTART_FILE = 'study-desk.desktop';

export interface LoginItemPort {
  platform: NodeJS.Platform;
  /** app.setLoginItemSettings (macOS and Windows). */
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
  /** `$XDG_CONFIG_HOME/autostart` (Linux). */
  autostartDir: string;
  /** What to run: the AppImage when packaged as one, else the executable. */
  command: string;
}

/** Quotes an Exec argument per the Desktop Entry spec. */
const quote = (arg: string) => `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;

export function desktopEntry(command: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Study Desk',
    'Comment=Start Study Desk in the tray',
    `Exec=${quote(command)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Start at login (DESIGN §7 settings): login items on macOS/Windows, an XDG autostart file on Linux. */
export function applyStartAtLogin(enabled: boolean, port: LoginItemPort): void {
  if (port.platform === 'linux') {
    const file = join(port.autostartDir, AUTOSTART_FILE);
    if (!enabled) return rmSync(file, { force: true });
    mkdirSync(port.autostartDir, { recursive: true });
    writeFileSync(file, desktopEntry(port.command), { mode: 0o644 });
    return;
  }
  port.setLoginItemSettings(
    port.platform === 'darwin' ? { openAtLogin: enabled, openAsHidden: true } : { openAtLogin: enabled, args: enabled ? [HIDDEN_FLAG] : [] },
  );
}
