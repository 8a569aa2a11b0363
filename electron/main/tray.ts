import { Menu, nativeImage, Tray } from 'electron';
import type { TrayPort } from '../shell/tray-controller';
import { toMenuTemplate } from '../shell/tray-menu';

/** The Electron Tray behind the controller's port. */
export function createTray(iconPath: string, onClick: () => void): { tray: Tray; port: TrayPort } {
  const appIcon = nativeImage.createFromPath(iconPath).resize({ width: 22, height: 22 });
  const tray = new Tray(appIcon);
  tray.on('click', onClick);
  const port: TrayPort = {
    setMenu: (items, onAction) => tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(items, onAction))),
    setTitle: (title) => tray.setTitle(title, { fontType: 'monospacedDigit' }),
    setToolTip: (tooltip) => tray.setToolTip(tooltip),
    setImage: (png) => tray.setImage(png ? nativeImage.createFromBuffer(png, { scaleFactor: 32 / 22 }) : appIcon),
  };
  return { tray, port };
}
