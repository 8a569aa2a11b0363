import type { TrayPort } from './tray-controller';
import { type MenuTemplateItem, toMenuTemplate } from './tray-menu';

/** What the tray wiring uses of Electron's Tray (a fake in tests). */
export interface TrayLike<Image, Menu> {
  on(event: 'click', listener: () => void): unknown;
  setContextMenu(menu: Menu | null): void;
  setTitle(title: string, options?: { fontType?: 'monospaced' | 'monospacedDigit' }): void;
  setToolTip(tooltip: string): void;
  setImage(image: Image): void;
}

export interface TrayWiring<Image, Menu> {
  /** The app's own icon, shown while the timer is idle (and on macOS always). */
  appIcon: Image;
  /** nativeImage.createFromBuffer for the drawn 32 px time icon. */
  fromPng(png: Buffer): Image;
  /** Menu.buildFromTemplate. */
  buildMenu(template: MenuTemplateItem[]): Menu;
  /** A left click on the icon: main toggles the window. */
  onClick(): void;
}

/**
 * The controller's port over a real tray: the macOS title in monospaced digits (the time does not
 * jitter as it counts), the drawn icon or the app icon elsewhere, and a left click toggling the window.
 */
export function wireTray<Image, Menu>(tray: TrayLike<Image, Menu>, wiring: TrayWiring<Image, Menu>): TrayPort {
  tray.on('click', () => wiring.onClick());
  return {
    setMenu: (items, onAction) => tray.setContextMenu(wiring.buildMenu(toMenuTemplate(items, onAction))),
    setTitle: (title) => tray.setTitle(title, { fontType: 'monospacedDigit' }),
    setToolTip: (tooltip) => tray.setToolTip(tooltip),
    setImage: (png) => tray.setImage(png ? wiring.fromPng(png) : wiring.appIcon),
  };
}
