import { Canvas, drawDigits, type Rgba } from './png';
import type { TrayText } from './tray-text';

const TONES: Record<NonNullable<TrayText['tone']>, Rgba> = {
  focus: [200, 55, 45, 255],
  break: [30, 130, 80, 255],
  paused: [95, 100, 110, 255],
};
const WHITE: Rgba = [255, 255, 255, 255];

/**
 * The Linux/Windows tray icon with the minutes left drawn in (a 32 px PNG; the tray scales it).
 * Drawn only when the minute or the phase changes.
 */
export function drawTrayIcon(badge: string, tone: NonNullable<TrayText['tone']>, size = 32): Buffer {
  const canvas = new Canvas(size, size);
  canvas.rect(0, 0, size, size, TONES[tone], Math.round(size / 5));
  const scale = badge.length > 1 ? Math.max(1, Math.floor(size / 9)) : Math.max(1, Math.floor(size / 6));
  drawDigits(canvas, badge, scale, WHITE);
  return canvas.png();
}
