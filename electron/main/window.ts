import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security';

export interface MainWindowOptions {
  preload: string;
  url: string;
  icon: string;
  show: boolean;
  /** Return true to keep the app running in the tray instead of closing. */
  keepInTray: () => boolean;
  onFocus: () => void;
}

/** The one window, loaded from app:// (or the dev server); hidden, not closed, when the tray holds the timer. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Study Desk',
    icon: options.icon,
    backgroundColor: '#1b1d22',
    webPreferences: secureWebPreferences(options.preload),
  });
  win.once('ready-to-show', () => {
    if (options.show) win.show();
  });
  win.on('close', (event) => {
    if (options.keepInTray()) {
      event.preventDefault();
      win.hide();
    }
  });
  win.on('focus', options.onFocus);
  void win.loadURL(options.url);
  return win;
}

export function toggleWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isVisible() && win.isFocused()) win.hide();
  else showWindow(win);
}

export function showWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
