import { z } from 'zod';
import { Text } from './common';

/**
 * The sync protocol of DESIGN §8 (push/pull between a desktop core and the platform) and the
 * desktop's sync.* / account.* channels. Bump PROTOCOL_VERSION on any incompatible wire change:
 * the server answers an older client 409 "update required" and the client keeps its queue.
 */
export const PROTOCOL_VERSION = 1;

/** Synced tables and the column that keys each row. The platform's own `users` never syncs. */
export const SYNC_ENTITIES = {
  classes: 'id',
  assignments: 'id',
  study_sessions: 'id',
  session_activities: 'id',
  study_goals: 'id',
  goal_progress: 'id',
  point_awards: 'id',
  achievements: 'id',
  settings: 'user_id',
} as const;
export type SyncEntity = keyof typeof SYNC_ENTITIES;
export const SYNC_ENTITY_NAMES = Object.keys(SYNC_ENTITIES) as SyncEntity[];
export const isSyncEntity = (name: string): name is SyncEntity => Object.hasOwn(SYNC_ENTITIES, name);

/** At most this many mutations per push, except that one local transaction is never split. */
export const PUSH_BATCH_LIMIT = 100;
export const PULL_PAGE_LIMIT = 500;

const Uuid = z.uuid();
const Row = z.record(z.string(), z.unknown());

export const Mutation = z.strictObject({
  seq: z.number().int().positive(),
  mutation_id: Uuid,
  entity: z.string().max(40),
  entity_id: Uuid,
  op: z.enum(['upsert', 'delete']),
  payload: Row,
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.strictObject({
  protocol_version: z.number().int(),
  schema_version: z.string().max(200),
  client_id: Uuid,
  mutations: z.array(Mutation).max(10_000),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.object({
  seq: z.number().int(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  error: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ last_seq: z.number().int(), results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.strictObject({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(PULL_PAGE_LIMIT),
});

export const Change = z.object({
  entity: z.string(),
  entity_id: Uuid,
  op: z.enum(['upsert', 'delete']),
  /** The row as the platform holds it; null when the row is gone (hard delete). */
  row: Row.nullable(),
  change_seq: z.number().int(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({ changes: z.array(Change), next_cursor: z.number().int(), has_more: z.boolean() });
export type PullResponse = z.infer<typeof PullResponse>;

export const TokenPair = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number().int(),
  user_id: Uuid,
});
export type TokenPair = z.infer<typeof TokenPair>;

// ---- desktop channels

export const SYNC_STATES = ['signed_out', 'synced', 'syncing', 'pending', 'offline', 'sign_in_needed', 'update_required', 'error'] as const;

export const SyncStatus = z.object({
  state: z.enum(SYNC_STATES),
  signed_in: z.boolean(),
  server_url: z.string().nullable(),
  email: z.string().nullable(),
  pending: z.number().int(),
  last_synced_at: z.string().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  /** Points earned here but not yet acknowledged by the platform. */
  provisional_points: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncNowOutput = z.object({ status: SyncStatus, pushed: z.number().int(), pulled: z.number().int() });

export const SignInInput = z.strictObject({
  server_url: Text(2000).pipe(z.url({ protocol: /^https?$/ })),
  email: Text(320).pipe(z.email()),
  password: Text(1000).refine((s) => s.length > 0, 'password is empty'),
});
export const SignOutOutput = z.object({ status: SyncStatus });
