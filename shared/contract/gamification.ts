import { z } from 'zod';
import { Day, Instant, Text, TimeZone } from './common';

export const PointsSummaryOutput = z.object({
  total_points: z.number().int(),
  level: z.number().int(),
  next_level_at: z.number().int().nullable(),
  streak_days: z.number().int(),
  longest_streak_days: z.number().int(),
  today_points: z.number().int(),
  today: Day,
});

export const Achievement = z.object({
  achievement_key: z.string(),
  name: z.string(),
  description: z.string(),
  bonus_points: z.number().int(),
  earned: z.boolean(),
  earned_at: Instant.nullable(),
});
export const AchievementListOutput = z.object({ achievements: z.array(Achievement) });

export const Settings = z.object({
  time_zone: TimeZone,
  day_rollover_hour: z.number().int().min(0).max(23),
  streak_min_minutes: z.number().int().min(1).max(1440),
  focus_minutes: z.number().int().min(1).max(240),
  short_break_minutes: z.number().int().min(1).max(60),
  long_break_minutes: z.number().int().min(1).max(120),
  long_break_every: z.number().int().min(1).max(12),
  idle_threshold_seconds: z.number().int().min(60).max(7200),
  media_idle_threshold_seconds: z.number().int().min(60).max(14_400),
  notifications_enabled: z.boolean(),
  start_at_login: z.boolean(),
  global_shortcut: Text(60).nullable(),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsUpdateInput = Settings.partial().strict();
