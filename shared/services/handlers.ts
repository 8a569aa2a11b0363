import type { ChannelOutput, ParsedInput, SqlChannel } from '../contract';
import { exportData } from './analytics/export';
import { performanceComparison } from './analytics/comparison';
import { performanceOverview } from './analytics/performance';
import * as reports from './analytics/reports';
import { performanceTrends } from './analytics/trends';
import * as classes from './classes';
import type { Ctx } from './context';
import * as game from './gamification';
import * as goals from './goals';
import * as sessions from './sessions';
import { updateSettings } from './settings';

export type Handler<C extends SqlChannel> = (ctx: Ctx, input: ParsedInput<C>) => Promise<ChannelOutput<C>>;
export type Handlers = { [C in SqlChannel]: Handler<C> };

/** The SQL services behind every channel; each runs inside one transaction the host opens. */
export const handlers: Handlers = {
  'sessions.start': sessions.startSession,
  'sessions.end': sessions.endSession,
  'sessions.logActivity': sessions.logActivity,
  'sessions.list': sessions.listSessions,
  'sessions.get': sessions.getSession,
  'sessions.active': sessions.activeSession,
  'sessions.update': sessions.updateSession,
  'sessions.delete': sessions.deleteSession,
  'sessions.restore': sessions.restoreSession,
  'sessions.createManual': sessions.createManualSession,
  'sessions.updateActivity': sessions.updateActivity,
  'sessions.deleteActivity': sessions.deleteActivity,
  'sessions.restoreActivity': sessions.restoreActivity,
  'goals.create': goals.createGoal,
  'goals.list': goals.listGoals,
  'goals.update': goals.updateGoal,
  'goals.recordProgress': goals.recordProgress,
  'goals.delete': goals.deleteGoal,
  'classes.list': classes.listClasses,
  'classes.create': classes.createClass,
  'classes.update': classes.updateClass,
  'classes.archive': classes.archiveClass,
  'assignments.list': classes.listAssignments,
  'assignments.create': classes.createAssignment,
  'assignments.setStatus': classes.setAssignmentStatus,
  'points.summary': game.pointsSummary,
  'achievements.list': game.listAchievements,
  'settings.get': async (ctx) => ctx.settings,
  'settings.update': updateSettings,
  'reports.daily': reports.dailyReport,
  'reports.weekly': reports.weeklyReport,
  'reports.monthly': reports.monthlyReport,
  'reports.range': reports.rangeReport,
  'reports.export': exportData,
  'performance.overview': performanceOverview,
  'performance.trends': performanceTrends,
  'performance.comparison': performanceComparison,
};

/** Channels that only read: the core may answer them without the write path's follow-ups. */
export const READ_CHANNELS: ReadonlySet<string> = new Set<SqlChannel>([
  'sessions.list', 'sessions.get', 'sessions.active', 'goals.list', 'classes.list', 'assignments.list',
  'points.summary', 'achievements.list', 'settings.get', 'reports.daily', 'reports.weekly', 'reports.monthly',
  'reports.range', 'reports.export', 'performance.overview', 'performance.trends', 'performance.comparison',
]);
