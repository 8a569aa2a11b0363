import { z } from 'zod';
import { notFound } from '../../shared/contract/errors';
import { parseInput } from '../../shared/contract/validate';
import { callChannel, type ServerDeps } from '../context';
import { reply, type Router } from '../http/router';
import { bodyObject, queryInput } from './query';

const Id = z.strictObject({ id: z.uuid() });

/** Classes and assignments: the same services as the desktop's classes.* and assignments.* channels. */
export function classRoutes(router: Router, deps: ServerDeps): void {
  const call = (userId: string, channel: string, input: unknown) => callChannel(deps, userId, channel, input);

  router.add('GET', '/api/classes', (req) => call(req.userId, 'classes.list', queryInput(req.query)));
  router.add('POST', '/api/classes', async (req) => reply(201, await call(req.userId, 'classes.create', req.body ?? {})));
  router.add('PUT', '/api/classes/:id', (req) => call(req.userId, 'classes.update', { ...bodyObject(req.body ?? {}), class_id: req.params.id }));
  router.add('DELETE', '/api/classes/:id', (req) => call(req.userId, 'classes.archive', { class_id: req.params.id }));

  router.add('GET', '/api/assignments', (req) => call(req.userId, 'assignments.list', queryInput(req.query)));
  router.add('POST', '/api/assignments', async (req) => reply(201, await call(req.userId, 'assignments.create', req.body ?? {})));
  router.add('PUT', '/api/assignments/:id', (req) =>
    call(req.userId, 'assignments.setStatus', { ...bodyObject(req.body ?? {}), assignment_id: req.params.id }));
  router.add('DELETE', '/api/assignments/:id', async (req) => {
    const { id } = parseInput(Id, req.params);
    const { affectedRows } = await deps.db.query(
      'UPDATE assignments SET deleted_at = now() WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL', [id, req.userId]);
    if (affectedRows === 0) throw notFound('assignment', id);
    return { assignment_id: id, message: 'Assignment deleted' };
  });
}
