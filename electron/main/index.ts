// The Electron main process (DESIGN §1, §7): thin wiring. The logic lives in electron/shell/
// (tested in Node with fakes); this file hands it the real Electron objects.
import { join } from 'node:path';
import {
  app, type BrowserWindow, dialog, globalShortcut, ipcMain, net, Notification, powerMonitor, protocol, safeStorage, type Tray,
} from 'electron';
import type { ShellStatus } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/errors';
import { DATA_ENTITIES, type CoreEvents } from '../../shared/contract/events';
import type { Settings } from '../../shared/contract/gamification';
import type { SyncStatus } from '../../shared/contract/sync';
import type { TimerView } from '../../shared/contract/timer';
import { appProtocolHandler } from '../shell/app-protocol';
import { CoreBridge, type Sealer } from '../shell/core-bridge';
import { claimInstance } from '../shell/instance';
import { checkSender, invokeHandler, IPC } from '../shell/ipc-boundary';
import { applyStartAtLogin, HIDDEN_FLAG } from '../shell/login-item';
import { NotificationPolicy } from '../shell/notifications';
import { PowerIdlePolicy, watchPower } from '../shell/power-policy';
import { GlobalShortcut } from '../shell/shortcut';
import { SyncTriggers } from '../shell/sync-triggers';
import { TrayController } from '../shell/tray-controller';
import type { TrayAction } from '../shell/tray-menu';
import { APP_SCHEME, APP_URL, trustedOrigin } from '../shell/trusted-url';
import { spawnUtilityCore } from './core-process';
import { templateDir } from './paths';
import { hardenApp } from './security';
import { createTray } from './tray';
import { createMainWindow, showWindow, toggleWindow } from './window';

const here = import.meta.dirname;
const RENDERER_DIR = join(here, '../renderer');
const ICON = app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(here, '../../build/icon.png');
const devServer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trusted = trustedOrigin(devServer);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
// userData (and its test-only override) first: the single-instance lock lives under it.
const { userData, primary } = claimInstance(app, process.env, process.platform);

if (!primary) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let quitting = false;
  app.on('second-instance', () => showWindow(win));
  app.whenReady().then(start).catch((err: unknown) => {
    dialog.showErrorBox('Study Desk could not start', (err as Error).message);
    app.exit(1);
  });

  async function start(): Promise<void> {
    const signedInHosts = new Set<string>();
    hardenApp(trusted, () => signedInHosts);
    if (!devServer) protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));

    const seal = sealer();
    const template = templateDir(userData);
    const bridge = new CoreBridge({
      spawn: () => spawnUtilityCore(join(here, 'utility.js')),
      init: {
        type: 'init',
        dataDir: join(userData, 'pgdata'),
        ...(template ? { templateDir: template } : {}),
        tokenFile: join(userData, seal ? 'sync-tokens.sealed' : 'sync-tokens.json'),
        sealTokens: !!seal,
        startSync: true,
      },
      ...(seal ? { sealer: seal } : {}),
    });
    try {
      await bridge.start();
    } catch (err) {
      const e = err as { code?: string; message: string };
      const hint = e.code === 'LOCKED' ? '\n\nClose the Study Desk CLI or web host that has this data open, then start the app again.' : '';
      dialog.showErrorBox('Study Desk cannot open its data', `${e.message}${hint}`);
      app.exit(e.code === 'LOCKED' ? 5 : 1);
      return;
    }
    const call = (channel: string, input: unknown = {}): Promise<Result<unknown>> => bridge.invoke(channel, input);
    const data = async <T>(channel: string, input: unknown = {}): Promise<T | null> => {
      const r = await call(channel, input);
      if (!r.ok) console.error(`${channel}: ${r.error.message}`);
      return r.ok ? (r.data as T) : null;
    };

    ipcMain.handle(IPC.invoke, invokeHandler(trusted, call));
    ipcMain.handle(IPC.shellStatus, (event): ShellStatus | Result<never> => {
      const denied = checkSender(event, trusted);
      if (denied) return { ok: false, error: denied };
      return shellStatus();
    });

    // --- the window, the tray and what follows the timer ---------------------------------------
    let timer: TimerView | null = null;
    let settings: Settings | null = null;
    const notifications = new NotificationPolicy(({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body, icon: ICON, silent: false }).show();
    });
    const triggers = new SyncTriggers({ invoke: call });
    const power = new PowerIdlePolicy({
      invoke: call,
      idle: { read: () => powerMonitor.getSystemIdleTime(), platform: process.platform, sessionType: process.env.XDG_SESSION_TYPE },
      onView: (view) => onTimer(view),
    });
    let controller: TrayController | null = null;
    try {
      const created = createTray(ICON, () => toggleWindow(win));
      tray = created.tray;
      controller = new TrayController({ port: created.port, platform: process.platform, onAction: (a) => void onTrayAction(a) });
    } catch (err) {
      console.error('no tray on this desktop: closing the window quits', err);
    }
    const shortcut = new GlobalShortcut(
      { register: (acc, fn) => globalShortcut.register(acc, fn), unregister: (acc) => globalShortcut.unregister(acc) },
      () => void toggleTimer(),
    );

    const startHidden = process.argv.includes(HIDDEN_FLAG) && !!tray;
    win = createMainWindow({
      preload: join(here, '../preload/index.cjs'),
      url: devServer ?? APP_URL,
      icon: ICON,
      show: !startHidden,
      keepInTray: () => !!tray && !quitting,
      onFocus: () => triggers.windowFocused(),
    });
    app.on('activate', () => showWindow(win));
    app.on('window-all-closed', () => {
      if (!tray) app.quit();
    });

    const toRenderer = (name: string, payload: unknown) => {
      if (win && !win.isDestroyed()) win.webContents.send(IPC.event, name, payload);
    };

    function onTimer(view: TimerView): void {
      const sessionChanged = view.session_id !== timer?.session_id;
      timer = view;
      controller?.setTimer(view);
      power.setTimer(view);
      notifications.timer(view);
      if (sessionChanged) void refreshMedia();
    }

    async function refreshMedia(): Promise<void> {
      const id = timer?.session_id;
      if (!id) return power.setMediaActivity(false);
      const session = await data<{ activities: { activity_type: string; start_time: string }[] }>('sessions.get', { session_id: id });
      const last = session?.activities.toSorted((a, b) => a.start_time.localeCompare(b.start_time)).at(-1);
      power.setMediaActivity(last?.activity_type === 'reading' || last?.activity_type === 'video');
    }

    let loginItemApplied: boolean | null = null;
    function applySettings(s: Settings): void {
      settings = s;
      notifications.enabled = s.notifications_enabled;
      power.setThresholds(s.idle_threshold_seconds, s.media_idle_threshold_seconds);
      shortcut.apply(s.global_shortcut);
      if (app.isPackaged && loginItemApplied !== s.start_at_login) {
        loginItemApplied = s.start_at_login;
        applyStartAtLogin(s.start_at_login, {
          platform: process.platform,
          setLoginItemSettings: (x) => app.setLoginItemSettings(x),
          autostartDir: join(process.env.XDG_CONFIG_HOME || join(app.getPath('home'), '.config'), 'autostart'),
          command: process.env.APPIMAGE || process.execPath,
        });
      }
    }

    function onSync(status: SyncStatus): void {
      triggers.follow(status);
      controller?.setSignedIn(status.signed_in);
      signedInHosts.clear();
      if (status.server_url) signedInHosts.add(new URL(status.server_url).hostname);
    }

    async function refreshAll(): Promise<void> {
      const [view, s, classes, sync] = await Promise.all([
        data<TimerView>('timer.state'),
        data<Settings>('settings.get'),
        data<{ classes: { id: string; name: string }[] }>('classes.list'),
        data<SyncStatus>('sync.status'),
      ]);
      if (view) {
        onTimer(view);
        toRenderer('timer.changed', view);
      }
      if (s) applySettings(s);
      if (classes) controller?.setClasses(classes.classes);
      if (sync) onSync(sync);
    }

    bridge.onEvent((name, payload) => {
      toRenderer(name, payload);
      if (name === 'timer.changed') onTimer(payload as TimerView);
      else if (name === 'goal.milestone') notifications.milestone(payload as CoreEvents['goal.milestone']);
      else if (name === 'achievement.earned') notifications.achievement(payload as CoreEvents['achievement.earned']);
      else if (name === 'sync.changed') onSync(payload as SyncStatus);
      else if (name === 'data.changed') {
        const { entities } = payload as CoreEvents['data.changed'];
        if (entities.includes('settings')) void data<Settings>('settings.get').then((s) => s && applySettings(s));
        if (entities.includes('classes')) void data<{ classes: { id: string; name: string }[] }>('classes.list').then((c) => c && controller?.setClasses(c.classes));
        if (entities.includes('activities')) void refreshMedia();
      }
    });
    bridge.onState((state) => {
      controller?.setCoreReady(state === 'ready');
      if (state !== 'ready') return;
      // A restarted core: the page reloads what it shows; the timer resumes from timer_state.
      toRenderer('data.changed', { entities: [...DATA_ENTITIES], ids: [] });
      void refreshAll();
    });
    controller?.setCoreReady(true);
    await refreshAll();

    async function onTrayAction(action: TrayAction): Promise<void> {
      const timerCall = async (channel: string, input: unknown = {}) => {
        const r = await call(channel, input);
        if (!r.ok) notifications.error(r.error.message);
        return r;
      };
      switch (action.kind) {
        case 'start':
          return void (await timerCall('timer.start', { mode: 'pomodoro', class_id: action.class_id }));
        case 'pause':
          return void (await timerCall('timer.pause'));
        case 'resume':
          return void (await timerCall('timer.resume'));
        case 'skip':
          return void (await timerCall('timer.skip'));
        case 'keepIdle':
          return void (await timerCall('timer.keepIdle'));
        case 'discardIdle':
          return void (await timerCall('timer.discardIdle'));
        case 'stop': {
          const r = await timerCall('timer.stop');
          if (r.ok) notifications.saved((r.data as { message: string }).message);
          return;
        }
        case 'sync':
          return void (await timerCall('sync.now'));
        case 'open':
          return showWindow(win);
        case 'quit':
          return app.quit();
      }
    }

    /** The global shortcut: start a focus, or pause/resume the running one. */
    async function toggleTimer(): Promise<void> {
      const status = timer?.status ?? 'idle';
      if (status === 'idle') await onTrayAction({ kind: 'start', class_id: null });
      else if (status === 'focus') await onTrayAction({ kind: 'pause' });
      else if (status === 'paused' && timer?.pause_reason !== 'finished') await onTrayAction({ kind: 'resume' });
    }

    // The Electron e2e tests drive the tray through this (electronApp.evaluate); set only for them.
    if (process.env.STUDY_DESK_E2E === '1') {
      Object.assign(globalThis, {
        studyDeskE2E: {
          trayItems: () => controller?.items ?? [],
          trayAction: (action: TrayAction) => onTrayAction(action),
        },
      });
    }

    function shellStatus(): ShellStatus {
      return { idle_detection: power.support, global_shortcut: shortcut.status, start_at_login: settings?.start_at_login ?? false, tray: !!tray };
    }

    // --- OS events ------------------------------------------------------------------------------
    watchPower(powerMonitor, power);
    const online = setInterval(() => triggers.setOnline(net.isOnline()), 15_000);
    triggers.setOnline(net.isOnline());
    const tick = setInterval(() => controller?.ticking && controller.tick(), 1_000);

    // Quit closes the database cleanly: the core checkpoints, closes PGlite and drops its lock.
    app.on('before-quit', (event) => {
      if (quitting) return;
      quitting = true;
      event.preventDefault();
      clearInterval(online);
      clearInterval(tick);
      power.stop();
      triggers.stop();
      globalShortcut.unregisterAll();
      void bridge.close().finally(() => {
        tray?.destroy();
        app.exit(0);
      });
    });
  }
}

/** safeStorage as the token sealer, when the OS keychain is real (not Linux's plain-text fallback). */
function sealer(): Sealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
