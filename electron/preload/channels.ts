// The fixed lists the preload accepts. The sandboxed preload cannot load npm packages (zod), so
// the names are listed by hand; preload-channels.test.ts keeps them equal to shared/contract.

export const CHANNELS: readonly string[] = [
  'sessions.start', 'sessions.end', 'sessions.logActivity', 'sessions.updateActivity', 'sessions.deleteActivity', 'sessions.restoreActivity', 'sessions.list', 'sessions.get', 'sessions.active', 'sessions.update',
  'sessions.delete', 'sessions.restore', 'sessions.createManual',
  'goals.create', 'goals.list', 'goals.update', 'goals.recordProgress', 'goals.delete',
  'classes.list', 'classes.create', 'classes.update', 'classes.archive',
  'assignments.list', 'assignments.create', 'assignments.setStatus',
  'points.summary', 'achievements.list', 'settings.get', 'settings.update',
  'reports.daily', 'reports.weekly', 'reports.monthly', 'reports.range', 'reports.export',
  'performance.overview', 'performance.trends', 'performance.comparison',
  'data.backup', 'data.listBackups', 'data.restore', 'data.check', 'data.exportAll', 'data.import', 'data.seedDemo',
  'sync.status', 'sync.now', 'account.signIn', 'account.signOut',
  'timer.state', 'timer.start', 'timer.pause', 'timer.resume', 'timer.skip', 'timer.stop', 'timer.idle', 'timer.discardIdle', 'timer.keepIdle',
];

export const EVENTS: readonly string[] = ['data.changed', 'goal.milestone', 'achievement.earned', 'sync.changed', 'timer.changed', 'task.progress'];
