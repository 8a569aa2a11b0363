import { PullQuery, PushRequest } from '../../shared/contract/sync';
import { parseInput } from '../../shared/contract/validate';
import type { ServerDeps } from '../context';
import type { Router } from '../http/router';
import { readChanges } from '../sync/pull';
import { applyPush } from '../sync/push';
import { queryInput } from './query';

/** DESIGN §8: POST push (one transaction per batch) and GET pull (per-account change cursor). */
export function syncRoutes(router: Router, deps: ServerDeps, schemaVersion: string): void {
  router.add('POST', '/api/analytics/sync/push', async (req) => {
    const input = parseInput(PushRequest, req.body);
    const started = Date.now();
    const result = await applyPush(deps.db, input, { userId: req.userId, now: deps.clock(), schemaVersion });
    deps.log.info('sync push', {
      user_id: req.userId,
      client_id: input.client_id,
      mutations: input.mutations.length,
      rejected: result.results.filter((r) => r.status === 'rejected').length,
      last_seq: result.last_seq,
      ms: Date.now() - started,
    });
    return result;
  });

  router.add('GET', '/api/analytics/sync/pull', async (req) => {
    const { cursor, limit } = parseInput(PullQuery, queryInput(req.query));
    return readChanges(deps.db, req.userId, cursor, limit);
  });
}
