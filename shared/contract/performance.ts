import { z } from 'zod';
import { ACTIVITY_TYPES, Day, Id } from './common';

// The platform's performance endpoints (GET performance/overview|trends|comparison), extended with
// the figures each number is computed from. Definitions live in shared/domain/performance.ts.

export const PERFORMANCE_PERIODS = ['daily', 'weekly', 'monthly', 'all_time'] as const;
export const TREND_PERIODS = ['weekly', 'monthly'] as const;
export const METRIC_TYPES = ['study_time', 'test_average', 'flashcard_mastery', 'assignment_completion'] as const;
export const COMPARE_BY = ['class', 'period', 'activity_type'] as const;
export const TRENDS = ['improving', 'declining', 'stable', 'insufficient_data'] as const;

export type PerformancePeriod = (typeof PERFORMANCE_PERIODS)[number];

/** Study history starts after this; older dates are a typo, not a period to analyse. */
const EARLIEST_DATE = '1970-01-01';
const AnyDay = Day.refine((d) => d >= EARLIEST_DATE, `a date on or after ${EARLIEST_DATE}`);

export const PerformanceOverviewInput = z.strictObject({
  class_id: Id.optional(),
  period: z.enum(PERFORMANCE_PERIODS).default('weekly'),
  /** A day inside the period (default today); ignored for all_time. */
  date: AnyDay.optional(),
});

export const PerformanceTrendsInput = z.strictObject({
  metric_type: z.enum(METRIC_TYPES),
  period: z.enum(TREND_PERIODS).default('weekly'),
  /** How many periods, ending with the one holding `date` (default today). */
  count: z.number().int().min(1).max(104).default(12),
  class_id: Id.optional(),
  date: AnyDay.optional(),
});

export const PerformanceComparisonInput = z
  .strictObject({
    compare_by: z.enum(COMPARE_BY),
    period: z.enum(PERFORMANCE_PERIODS).default('weekly'),
    date: AnyDay.optional(),
  })
  .refine((c) => !(c.compare_by === 'period' && c.period === 'all_time'), {
    message: 'all_time has no previous period to compare with',
    path: ['period'],
  });

const Trend = z.enum(TRENDS);
const Percent = z.number().min(0).max(100);

export const PeriodBounds = z.object({
  type: z.enum(PERFORMANCE_PERIODS),
  start_date: Day,
  end_date: Day,
  /** Days of the period up to today: the divisor of avg_per_day. */
  days_elapsed: z.number().int().min(0),
});

export const PerformanceOverviewOutput = z.object({
  period: PeriodBounds,
  class_id: Id.nullable(),
  metrics: z.object({
    study_time: z.object({
      total_minutes: z.number().int(),
      avg_per_day: z.number(),
      sessions: z.number().int(),
      trend: Trend,
      trend_percentage: z.number(),
    }),
    test_performance: z.object({
      tests_taken: z.number().int(),
      avg_score: Percent.nullable(),
      trend: Trend,
      trend_percentage: z.number(),
    }),
    flashcard_mastery: z.object({
      cards_reviewed: z.number().int(),
      accuracy: Percent.nullable(),
      mastered_count: z.number().int(),
      trend: Trend,
      trend_percentage: z.number(),
    }),
    assignment_completion: z.object({
      total_assignments: z.number().int(),
      completed: z.number().int(),
      completion_rate: Percent.nullable(),
    }),
  }),
  strengths: z.array(z.string()),
  areas_for_improvement: z.array(z.string()),
  recommendations: z.array(z.string()),
});
export type PerformanceOverview = z.infer<typeof PerformanceOverviewOutput>;

export const TrendPoint = z.object({
  /** YYYY-Www for weekly series, YYYY-MM for monthly ones. */
  week: z.string().optional(),
  month: z.string().optional(),
  period_start: Day,
  period_end: Day,
  /** Minutes for study_time, else a percentage; null when the period has no sample. */
  value: z.number().nullable(),
  sample_size: z.number().int(),
  /** The period holding today: its value covers only the days so far. */
  in_progress: z.boolean(),
});

export const PerformanceTrendsOutput = z.object({
  metric_type: z.enum(METRIC_TYPES),
  period: z.enum(TREND_PERIODS),
  class_id: Id.nullable(),
  data_points: z.array(TrendPoint),
  overall_trend: Trend,
  trend_percentage: z.number(),
});

const Change = z.object({
  metric: z.enum(['study_minutes', 'sessions', 'avg_test_score', 'flashcard_accuracy']),
  current: z.number().nullable(),
  previous: z.number().nullable(),
  /** current − previous; null when either is. */
  change: z.number().nullable(),
  /** change as a percentage of previous; null when previous is 0 or null. */
  change_percentage: z.number().nullable(),
});

const ClassComparison = z.object({
  class_id: Id.nullable(),
  class_name: z.string(),
  study_minutes: z.number().int(),
  sessions: z.number().int(),
  tests_taken: z.number().int(),
  avg_test_score: Percent.nullable(),
  cards_reviewed: z.number().int(),
  /** Flashcard accuracy: correct / reviewed cards. */
  accuracy: Percent.nullable(),
  rank: z.number().int().min(1),
});

const ActivityComparison = z.object({
  activity_type: z.enum(ACTIVITY_TYPES),
  activities: z.number().int(),
  minutes: z.number().int(),
  items_completed: z.number().int(),
  accuracy: Percent.nullable(),
  rank: z.number().int().min(1),
});

export const PerformanceComparisonOutput = z.discriminatedUnion('compare_by', [
  z.object({ compare_by: z.literal('class'), period: PeriodBounds, comparisons: z.array(ClassComparison) }),
  z.object({
    compare_by: z.literal('period'),
    period: PeriodBounds,
    previous_period: PeriodBounds,
    comparisons: z.array(Change),
  }),
  z.object({ compare_by: z.literal('activity_type'), period: PeriodBounds, comparisons: z.array(ActivityComparison) }),
]);
export type PerformanceComparison = z.infer<typeof PerformanceComparisonOutput>;
