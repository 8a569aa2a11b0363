import { describe, expect, it } from 'vitest';
import { closeToTray, showWindow, toggleWindow, type WindowLike } from './window-state';

/** A BrowserWindow stand-in: its visibility, focus and minimized state, and what was done to it. */
class FakeWindow implements WindowLike {
  calls: string[] = [];
  constructor(
    public visible: boolean,
    public focused: boolean,
    public minimized = false,
    public destroyed = false,
  ) {}
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.calls.push('restore');
    this.minimized = false;
  }
  show() {
    this.calls.push('show');
    this.visible = true;
  }
  hide() {
    this.calls.push('hide');
    this.visible = false;
    this.focused = false;
  }
  focus() {
    this.calls.push('focus');
    this.focused = true;
  }
}

describe('a left click on the tray toggles the window', () => {
  it('hides the window in front, and brings it back on the next click', () => {
    const win = new FakeWindow(true, true);
    toggleWindow(win);
    expect(win.calls).toEqual(['hide']);
    toggleWindow(win);
    expect(win.calls).toEqual(['hide', 'show', 'focus']);
    expect(win.visible && win.focused).toBe(true);
  });

  it('brings up a window that is behind others or minimized instead of hiding it', () => {
    const behind = new FakeWindow(true, false);
    toggleWindow(behind);
    expect(behind.calls).toEqual(['show', 'focus']);
    const minimized = new FakeWindow(true, true, true);
    toggleWindow(minimized);
    expect(minimized.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing with no window or a destroyed one', () => {
    expect(() => toggleWindow(null)).not.toThrow();
    const gone = new FakeWindow(false, false, false, true);
    toggleWindow(gone);
    showWindow(gone);
    expect(gone.calls).toEqual([]);
  });
});

describe('tray-only mode: closing the window keeps the timer in the tray', () => {
  const closeEvent = () => {
    const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
    return event;
  };

  it('hides instead of closing while a tray holds the timer', () => {
    const win = new FakeWindow(true, true);
    const event = closeEvent();
    closeToTray(win, event, () => true);
    expect(event.prevented).toBe(true);
    expect(win.calls).toEqual(['hide']);
    showWindow(win); // the tray's Open
    expect(win.visible).toBe(true);
  });

  it('lets the window close when quitting or when there is no tray', () => {
    const win = new FakeWindow(true, true);
    const event = closeEvent();
    closeToTray(win, event, () => false);
    expect(event.prevented).toBe(false);
    expect(win.calls).toEqual([]);
  });
});
