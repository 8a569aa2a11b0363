// Draws the app icon (build/icon.png, 1024 px): electron-builder derives the .icns/.ico and the
// Linux sizes from it. Run `npx tsx build/make-icon.ts` after changing the design.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Canvas, type Rgba } from '../electron/shell/png';

const SIZE = 1024;
const BLUE: Rgba = [40, 84, 196, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [255, 190, 60, 255];

const canvas = new Canvas(SIZE, SIZE);
canvas.rect(64, 64, SIZE - 128, SIZE - 128, BLUE, 180);

// A timer dial: a white ring, a quarter of it amber (the focus left), and the hand.
const c = SIZE / 2;
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const dx = x + 0.5 - c;
    const dy = y + 0.5 - c;
    const r = Math.hypot(dx, dy);
    if (r >= 270 && r <= 330) {
      const angle = (Math.atan2(dx, -dy) + 2 * Math.PI) % (2 * Math.PI);
      canvas.set(x, y, angle < Math.PI / 2 ? AMBER : WHITE);
    }
    if (r <= 36) canvas.set(x, y, WHITE);
  }
}
canvas.rect(c - 18, c - 230, 36, 230, WHITE, 18);
canvas.rect(c - 18, c - 18, 170, 36, WHITE, 18);

writeFileSync(fileURLToPath(new URL('./icon.png', import.meta.url)), canvas.png());
