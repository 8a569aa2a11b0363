import { z } from 'zod';
import { isValidIsoWeek, isValidMonth } from '../domain/calendar';
import { ACTIVITY_TYPES, Day, Id, Instant, plausibleYear } from './common';
import { Session } from './sessions';

const MAX_RANGE_DAYS = 3_700; // ten years and change: a whole history in one report

const IsoWeek = z.string().regex(/^\d{4}-W\d{2}$/, 'expected YYYY-Www').refine(isValidIsoWeek, 'no such ISO week').refine(plausibleYear, 'year out of range (1900-2999)');
const Month = z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM').refine(isValidMonth, 'no such month').refine(plausibleYear, 'year out of range (1900-2999)');

const rangeOk = (r: { start_date: string; end_date: string }) =>
  r.start_date <= r.end_date && (Date.parse(r.end_date) - Date.parse(r.start_date)) / 86_400_000 <= MAX_RANGE_DAYS;
const rangeMessage = { message: `end_date must be on or after start_date and at most ${MAX_RANGE_DAYS} days later`, path: ['end_date'] };

export const ReportDailyInput = z.strictObject({ date: Day });
export const ReportWeeklyInput = z.strictObject({ week: IsoWeek });
export const ReportMonthlyInput = z.strictObject({ month: Month });
export const ReportRangeInput = z.strictObject({ start_date: Day, end_date: Day }).refine(rangeOk, rangeMessage);

const DayPoint = z.object({
  date: Day,
  minutes: z.number().int(),
  sessions: z.number().int(),
  points: z.number().int(),
  productivity_score: z.number(),
});
const ClassMinutes = z.object({
  class_id: Id.nullable(),
  class_name: z.string(),
  color: z.string().nullable(),
  minutes: z.number().int(),
  share: z.number(),
});
const Charts = z.object({
  minutes_per_day: z.array(z.object({ date: Day, minutes: z.number().int() })),
  minutes_per_class: z.array(ClassMinutes),
  minutes_per_activity_type: z.array(z.object({ activity_type: z.enum(ACTIVITY_TYPES), minutes: z.number().int(), count: z.number().int() })),
  accuracy_per_day: z.array(z.object({ date: Day, accuracy: z.number().nullable(), items: z.number().int() })),
  hour_heatmap: z.array(z.object({ weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23), minutes: z.number().int() })),
});
const GoalProgressItem = z.object({
  goal_id: Id,
  goal_name: z.string(),
  goal_type: z.string(),
  target_value: z.number(),
  value: z.number(),
  percentage_complete: z.number(),
  status: z.string(),
  milestones: z.array(z.string()),
});
const AchievementItem = z.object({
  achievement_key: z.string(),
  name: z.string(),
  bonus_points: z.number().int(),
  earned_at: Instant,
});
const Summary = z.object({
  total_study_minutes: z.number().int(),
  sessions_count: z.number().int(),
  total_sessions: z.number().int(),
  avg_daily_minutes: z.number(),
  avg_session_duration: z.number(),
  points_earned: z.number().int(),
  total_points: z.number().int(),
  tests_taken: z.number().int(),
  avg_test_score: z.number().nullable(),
  flashcards_reviewed: z.number().int(),
  flashcard_accuracy: z.number().nullable(),
  assignments_completed: z.number().int(),
  notes_created: z.number().int(),
  days_studied: z.number().int(),
  streak_days: z.number().int(),
  streak_maintained: z.boolean(),
  productivity_score: z.number(),
});

export const Report = z.object({
  kind: z.enum(['daily', 'weekly', 'monthly', 'range']),
  start_date: Day,
  end_date: Day,
  summary: Summary,
  daily_breakdown: z.array(DayPoint),
  top_subjects: z.array(ClassMinutes),
  performance_highlights: z.array(z.string()),
  goals_progress: z.array(GoalProgressItem),
  goals_achieved: z.array(GoalProgressItem),
  achievements_earned: z.array(AchievementItem),
  top_achievements: z.array(AchievementItem),
  recommendations: z.array(z.string()),
  sessions: z.array(Session),
  charts: Charts,
});
export type Report = z.infer<typeof Report>;

export const DailyReport = Report.extend({ date: Day });
export const WeeklyReport = Report.extend({ week: z.string(), week_start: Day, week_end: Day });
export const MonthlyReport = Report.extend({
  month: z.string(),
  weekly_breakdown: z.array(z.object({ week: z.string(), week_start: Day, minutes: z.number().int(), sessions: z.number().int() })),
  performance_summary: z.object({
    tests_taken: z.number().int(),
    avg_test_score: z.number().nullable(),
    flashcards_reviewed: z.number().int(),
    flashcard_accuracy: z.number().nullable(),
    assignments_completed: z.number().int(),
    productivity_score: z.number(),
  }),
});

export const ReportExportInput = z
  .strictObject({
    kind: z.enum(['sessions', 'activities', 'report']),
    start_date: Day,
    end_date: Day,
    format: z.enum(['csv', 'json']),
  })
  .refine(rangeOk, rangeMessage)
  .refine((e) => !(e.kind === 'report' && e.format === 'csv'), {
    message: 'a report exports as json (its print view makes the PDF)',
    path: ['format'],
  });
export const ReportExportOutput = z.object({
  file_name: z.string(),
  mime_type: z.string(),
  row_count: z.number().int(),
  content: z.string(),
});
