import { Menu, nativeImage, Tray } from 'electron';
import type { TrayPort } from '../shell/tray-controller';
import { wireTray } from '../shell/tray-port';

/** The Electron Tray behind the controller's port (the wiring is tested in tray-controller.test.ts). */
export function createTray(iconPath: string, onClick: () => void): { tray: Tray; port: TrayPort } {
  const appIcon = nativeImage.createFromPath(iconPath).resize({ width: 22, height: 22 });
  const tray = new Tray(appIcon);
  const port = wireTray(tray, {
    appIcon,
    fromPng: (png) => nativeImage.createFromBuffer(png, { scaleFactor: 32 / 22 }),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    onClick,
  });
  return { tray, port };
}
