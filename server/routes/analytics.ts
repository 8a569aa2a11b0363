import { callChannel, type ServerDeps } from '../context';
import { reply, type Router } from '../http/router';
import { bodyObject, queryInput } from './query';

/**
 * The platform's twelve study-analytics endpoints (DESIGN §5), each answered by the shared SQL
 * service behind the matching desktop channel. Path ids join the body under the channel's name.
 */
export function analyticsRoutes(router: Router, deps: ServerDeps): void {
  const base = '/api/analytics';
  const call = (userId: string, channel: string, input: unknown) => callChannel(deps, userId, channel, input);

  router.add('POST', `${base}/sessions/start`, async (req) => reply(201, await call(req.userId, 'sessions.start', req.body ?? {})));
  router.add('PUT', `${base}/sessions/:id/end`, (req) =>
    call(req.userId, 'sessions.end', { ...bodyObject(req.body ?? {}), session_id: req.params.id }));
  router.add('POST', `${base}/sessions/:id/activities`, async (req) =>
    reply(201, await call(req.userId, 'sessions.logActivity', { ...bodyObject(req.body ?? {}), session_id: req.params.id })));
  router.add('GET', `${base}/sessions`, (req) => call(req.userId, 'sessions.list', queryInput(req.query)));

  router.add('GET', `${base}/performance/overview`, (req) => call(req.userId, 'performance.overview', queryInput(req.query)));
  router.add('GET', `${base}/performance/trends`, (req) => call(req.userId, 'performance.trends', trendsInput(req.query)));
  router.add('GET', `${base}/performance/comparison`, (req) => call(req.userId, 'performance.comparison', queryInput(req.query)));

  router.add('POST', `${base}/goals`, async (req) => reply(201, await call(req.userId, 'goals.create', req.body ?? {})));
  router.add('GET', `${base}/goals`, (req) => call(req.userId, 'goals.list', queryInput(req.query)));
  router.add('PUT', `${base}/goals/:id`, (req) => call(req.userId, 'goals.update', { ...bodyObject(req.body ?? {}), goal_id: req.params.id }));
  router.add('POST', `${base}/goals/:id/progress`, async (req) =>
    reply(201, await call(req.userId, 'goals.recordProgress', { ...bodyObject(req.body ?? {}), goal_id: req.params.id })));
  router.add('DELETE', `${base}/goals/:id`, (req) => call(req.userId, 'goals.delete', { goal_id: req.params.id }));

  router.add('GET', `${base}/reports/daily`, (req) => call(req.userId, 'reports.daily', queryInput(req.query)));
  router.add('GET', `${base}/reports/weekly`, (req) => call(req.userId, 'reports.weekly', queryInput(req.query)));
  router.add('GET', `${base}/reports/monthly`, (req) => call(req.userId, 'reports.monthly', queryInput(req.query)));
}

/**
 * The platform names the length of a trend series `weeks` (DESIGN §5); the channel calls it
 * `count`, for weeks or months alike. `weeks` goes with a weekly series and `months` with a
 * monthly one; anything else is left for the strict schema to refuse.
 */
function trendsInput(query: URLSearchParams): Record<string, unknown> {
  const input = queryInput(query);
  const monthly = input.period === 'monthly';
  const key = monthly ? 'months' : 'weeks';
  if (key in input && !('count' in input)) {
    const { [key]: count, ...rest } = input;
    return { ...rest, count };
  }
  return input;
}
