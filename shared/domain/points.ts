import { instantMs } from './instant';
import { percentOf } from './rounding';

/** Points needed for levels 2..10 (platform values). */
export const LEVEL_THRESHOLDS = [20, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

function checkNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0: ${value}`);
}

/** Elapsed whole seconds minus pauses, never below zero. */
export function activeSeconds(start: string, end: string, pausedSeconds: number): number {
  checkNonNegative('pausedSeconds', pausedSeconds);
  const wallSeconds = (instantMs(end) - instantMs(start)) / 1000;
  return Math.floor(Math.max(0, wallSeconds - pausedSeconds));
}

export function activeMinutes(start: string, end: string, pausedSeconds: number): number {
  return Math.floor(activeSeconds(start, end, pausedSeconds) / 60);
}

/** Half a point per active minute, rounded down. */
export function sessionPoints(activeMinutes: number): number {
  checkNonNegative('activeMinutes', activeMinutes);
  return Math.floor(0.5 * activeMinutes);
}

/** One point per correct item. */
export function activityPoints(itemsCorrect: number | null | undefined): number {
  return itemsCorrect ?? 0;
}

/** Percentage correct to 2 decimals; null when nothing was completed. */
export function accuracyPercentage(
  itemsCompleted: number | null | undefined,
  itemsCorrect: number | null | undefined,
): number | null {
  if (itemsCompleted == null || itemsCompleted === 0) return null;
  return percentOf(itemsCorrect ?? 0, itemsCompleted, 2);
}

export function levelFor(totalPoints: number): number {
  return 1 + LEVEL_THRESHOLDS.filter((threshold) => totalPoints >= threshold).length;
}

/** Points at which the next level starts; null at the top level. */
export function nextLevelAt(totalPoints: number): number | null {
  return LEVEL_THRESHOLDS.find((threshold) => totalPoints < threshold) ?? null;
}
