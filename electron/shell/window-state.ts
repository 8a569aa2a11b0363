/** What the window logic uses of a BrowserWindow (a fake in tests). */
export interface WindowLike {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
}

/** Brings the window to the front: restored if minimized, shown if hidden, focused. */
export function showWindow(win: WindowLike | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** A left click on the tray icon: hides the window the student is looking at, else brings it up. */
export function toggleWindow(win: WindowLike | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isVisible() && win.isFocused() && !win.isMinimized()) win.hide();
  else showWindow(win);
}

/**
 * The window's `close` handler (tray-only mode): while a tray holds the timer and the app is not
 * quitting, closing only hides the window; otherwise it closes (and with no tray the app quits).
 */
export function closeToTray(win: WindowLike, event: { preventDefault(): void }, keepInTray: () => boolean): void {
  if (!keepInTray()) return;
  event.preventDefault();
  win.hide();
}
