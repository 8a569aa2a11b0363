import { BrowserWindow } from 'electron';
import { closeToTray } from '../shell/window-state';

export { showWindow, toggleWindow } from '../shell/window-state';

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
    // Spelled out here, not built by a helper, so Electronegativity can read every flag.
    // The preload was reviewed: it exposes only invoke/on/shellStatus over a fixed channel list
    // (electron/preload/index.ts), never ipcRenderer or any Electron object.
    webPreferences: {
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => {
    if (options.show) win.show();
  });
  win.on('close', (event) => closeToTray(win, event, options.keepInTray));
  win.on('focus', options.onFocus);
  void win.loadURL(options.url);
  return win;
}
