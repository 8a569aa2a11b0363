import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

// The Electron shell (utility-process core, tray, power/idle, security hardening) is built on
// top of this in its own issue; this entry opens the window with the secure defaults.
function createWindow(): void {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 800,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  void app.whenReady().then(createWindow);
  app.on('window-all-closed', () => app.quit());
}
