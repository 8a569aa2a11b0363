import type { z } from 'zod';
import * as classes from './classes';
import { Empty } from './common';
import * as data from './data';
import * as game from './gamification';
import * as goals from './goals';
import * as performance from './performance';
import * as reports from './reports';
import * as sessions from './sessions';
import * as sync from './sync';
import * as timer from './timer';

interface ChannelDef {
  input: z.ZodType;
  output: z.ZodType;
}

const def = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** Calls answered by the SQL services alone (shared/services/handlers.ts), on any engine. */
export const sqlChannels = {
  'sessions.start': def(sessions.SessionStartInput, sessions.SessionStartOutput),
  'sessions.end': def(sessions.SessionEndInput, sessions.SessionEndOutput),
  'sessions.logActivity': def(sessions.ActivityInput, sessions.ActivityOutput),
  'sessions.list': def(sessions.SessionListInput, sessions.SessionListOutput),
  'sessions.get': def(sessions.SessionIdInput, sessions.SessionDetail),
  'sessions.active': def(Empty, sessions.SessionActiveOutput),
  'sessions.update': def(sessions.SessionUpdateInput, sessions.SessionChangeOutput),
  'sessions.delete': def(sessions.SessionIdInput, sessions.SessionChangeOutput),
  'sessions.restore': def(sessions.SessionIdInput, sessions.SessionChangeOutput),
  'sessions.createManual': def(sessions.SessionCreateManualInput, sessions.SessionChangeOutput),
  'sessions.updateActivity': def(sessions.ActivityUpdateInput, sessions.ActivityChangeOutput),
  'sessions.deleteActivity': def(sessions.ActivityIdInput, sessions.ActivityChangeOutput),
  'sessions.restoreActivity': def(sessions.ActivityIdInput, sessions.ActivityChangeOutput),
  'goals.create': def(goals.GoalCreateInput, goals.GoalCreateOutput),
  'goals.list': def(goals.GoalListInput, goals.GoalListOutput),
  'goals.update': def(goals.GoalUpdateInput, goals.GoalUpdateOutput),
  'goals.recordProgress': def(goals.GoalProgressInput, goals.GoalProgressOutput),
  'goals.delete': def(goals.GoalIdInput, goals.GoalDeleteOutput),
  'classes.list': def(classes.ClassListInput, classes.ClassListOutput),
  'classes.create': def(classes.ClassCreateInput, classes.ClassOutput),
  'classes.update': def(classes.ClassUpdateInput, classes.ClassOutput),
  'classes.archive': def(classes.ClassArchiveInput, classes.ClassOutput),
  'assignments.list': def(classes.AssignmentListInput, classes.AssignmentListOutput),
  'assignments.create': def(classes.AssignmentCreateInput, classes.AssignmentOutput),
  'assignments.setStatus': def(classes.AssignmentSetStatusInput, classes.AssignmentOutput),
  'points.summary': def(Empty, game.PointsSummaryOutput),
  'achievements.list': def(Empty, game.AchievementListOutput),
  'settings.get': def(Empty, game.Settings),
  'settings.update': def(game.SettingsUpdateInput, game.Settings),
  'reports.daily': def(reports.ReportDailyInput, reports.DailyReport),
  'reports.weekly': def(reports.ReportWeeklyInput, reports.WeeklyReport),
  'reports.monthly': def(reports.ReportMonthlyInput, reports.MonthlyReport),
  'reports.range': def(reports.ReportRangeInput, reports.Report),
  'reports.export': def(reports.ReportExportInput, reports.ReportExportOutput),
  'performance.overview': def(performance.PerformanceOverviewInput, performance.PerformanceOverviewOutput),
  'performance.trends': def(performance.PerformanceTrendsInput, performance.PerformanceTrendsOutput),
  'performance.comparison': def(performance.PerformanceComparisonInput, performance.PerformanceComparisonOutput),
} satisfies Record<string, ChannelDef>;

/**
 * Calls that need the desktop host itself (files, timers, the network): answered by
 * electron/core. Each feature adds its definitions here.
 */
export const hostChannels = {
  'data.backup': def(data.BackupInput, data.BackupOutput),
  'data.listBackups': def(Empty, data.ListBackupsOutput),
  'data.restore': def(data.RestoreInput, data.RestoreOutput),
  'data.check': def(Empty, data.CheckOutput),
  'data.exportAll': def(data.ExportAllInput, data.ExportAllOutput),
  'data.import': def(data.ImportInput, data.ImportOutput),
  'data.seedDemo': def(data.SeedDemoInput, data.SeedDemoOutput),
  'sync.status': def(Empty, sync.SyncStatus),
  'sync.now': def(Empty, sync.SyncNowOutput),
  'account.signIn': def(sync.SignInInput, sync.SyncStatus),
  'account.signOut': def(Empty, sync.SignOutOutput),
  'timer.state': def(Empty, timer.TimerView),
  'timer.start': def(timer.TimerStartInput, timer.TimerView),
  'timer.pause': def(timer.TimerPauseInput, timer.TimerView),
  'timer.resume': def(Empty, timer.TimerView),
  'timer.skip': def(Empty, timer.TimerView),
  'timer.stop': def(timer.TimerStopInput, timer.TimerStopOutput),
  'timer.idle': def(timer.TimerIdleInput, timer.TimerView),
  'timer.discardIdle': def(Empty, timer.TimerView),
  'timer.keepIdle': def(Empty, timer.TimerView),
} satisfies Record<string, ChannelDef>;

/** Every call the desktop core answers, once: its name, strict input and output schemas. */
export const channels = { ...sqlChannels, ...hostChannels };

export type Channels = typeof channels;
export type SqlChannel = keyof typeof sqlChannels;
export type HostChannel = keyof typeof hostChannels;
export type Channel = keyof Channels;
/** What a caller may send (defaults not yet applied). */
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}
