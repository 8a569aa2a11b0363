import type { TimerView } from '../../shared/contract/timer';
import { drawTrayIcon } from './tray-icon';
import { type TrayAction, type TrayClass, type TrayItem, trayMenu } from './tray-menu';
import { trayText } from './tray-text';

/** The Electron Tray, narrowed to what the controller does (a fake in tests). */
export interface TrayPort {
  setMenu(items: TrayItem[], onAction: (action: TrayAction) => void): void;
  setTitle(title: string): void;
  setToolTip(tooltip: string): void;
  /** A PNG, or null for the app's own icon. */
  setImage(png: Buffer | null): void;
}

export interface TrayControllerOptions {
  port: TrayPort;
  platform: NodeJS.Platform;
  onAction: (action: TrayAction) => void;
  clock?: () => number;
}

/**
 * Keeps the tray in step with the timer (DESIGN §7): idempotent setters, and one render that
 * rebuilds the menu only when its template changed (a tick never does) and redraws the icon only
 * when the minute or phase did. macOS shows the time as the title; elsewhere the tooltip and a
 * drawn icon carry it.
 */
export class TrayController {
  private timer: TimerView | null = null;
  private classes: TrayClass[] = [];
  private coreReady = false;
  private signedIn = false;
  private menuKey = '';
  private lastItems: TrayItem[] = [];
  private title = '';
  private tooltip = '';
  private iconKey: string | null = '';
  private readonly clock: () => number;
  /** How many times the menu was rebuilt (observable for tests and diagnostics). */
  rebuilds = 0;

  constructor(private readonly options: TrayControllerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  setTimer(timer: TimerView | null): void {
    this.timer = timer;
    this.render();
  }

  setClasses(classes: TrayClass[]): void {
    this.classes = classes;
    this.render();
  }

  setCoreReady(ready: boolean): void {
    this.coreReady = ready;
    this.render();
  }

  setSignedIn(signedIn: boolean): void {
    this.signedIn = signedIn;
    this.render();
  }

  /** The menu as last built (the Electron e2e tests read it: a Tray has no getter for its menu). */
  get items(): readonly TrayItem[] {
    return this.lastItems;
  }

  /** True while the time shown moves (main ticks once a second only then). */
  get ticking(): boolean {
    return !!this.timer && this.timer.status !== 'idle' && this.timer.status !== 'paused';
  }

  /** Repaints the time only (once a second while ticking). */
  tick(): void {
    const { port, platform } = this.options;
    const text = trayText(this.timer, this.clock());
    if (platform === 'darwin' && text.title !== this.title) port.setTitle((this.title = text.title));
    if (text.tooltip !== this.tooltip) port.setToolTip((this.tooltip = text.tooltip));
    if (platform !== 'darwin') {
      const key = text.badge && text.tone ? `${text.tone}:${text.badge}` : null;
      if (key !== this.iconKey) {
        this.iconKey = key;
        port.setImage(text.badge && text.tone ? drawTrayIcon(text.badge, text.tone) : null);
      }
    }
  }

  render(): void {
    const items = trayMenu({ timer: this.timer, classes: this.classes, coreReady: this.coreReady, signedIn: this.signedIn });
    const key = JSON.stringify(items);
    if (key !== this.menuKey) {
      this.menuKey = key;
      this.lastItems = items;
      this.rebuilds++;
      this.options.port.setMenu(items, this.options.onAction);
    }
    this.tick();
  }
}
