// Words a student reads for the contract's enum values, shared by Analytics and Reports.
import type { ActivityType } from '../../../../shared/contract/common';
import type { METRIC_TYPES, TRENDS } from '../../../../shared/contract/performance';

export type MetricType = (typeof METRIC_TYPES)[number];
export type Trend = (typeof TRENDS)[number];

export const METRIC_LABELS: Record<MetricType, string> = {
  study_time: 'Study time',
  test_average: 'Test average',
  flashcard_mastery: 'Flashcard accuracy',
  assignment_completion: 'Assignment completion',
};

/** Study time is in minutes; every other metric is a percentage. */
export const metricUnit = (metric: MetricType): 'min' | '%' => (metric === 'study_time' ? 'min' : '%');

export const TREND_LABELS: Record<Trend, string> = {
  improving: 'Improving',
  declining: 'Declining',
  stable: 'Stable',
  insufficient_data: 'Insufficient data',
};

export const TREND_TONE: Record<Trend, 'good' | 'bad' | 'muted'> = {
  improving: 'good',
  declining: 'bad',
  stable: 'muted',
  insufficient_data: 'muted',
};

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  reading: 'Reading',
  testing: 'Tests',
  flashcards: 'Flashcards',
  notes: 'Notes',
  video: 'Video',
  chat: 'AI chat',
  assignment: 'Assignments',
};

/** ISO weekdays, 1 = Monday. */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** 7 → "07:00". */
export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** A number as the core sent it, with at most two decimals and no grouping (tests compare it as text). */
export const exact = (value: number): string => String(Math.round(value * 100) / 100);

/** "+12.5 %", "−3 %", "—". */
export function signedPercent(value: number | null): string {
  if (value == null) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${exact(Math.abs(value))} %`;
}
