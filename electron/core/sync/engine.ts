import { migrationsFor } from '../../../migrations';
import { AppError } from '../../../shared/contract/errors';
import { type Change, PROTOCOL_VERSION, PULL_PAGE_LIMIT, type SyncStatus } from '../../../shared/contract/sync';
import type { Core } from '../core';
import { applyChanges } from './apply';
import { backoffDelay } from './backoff';
import { type FetchLike, HttpError, NetworkError, PlatformClient } from './http';
import { notePushFailure, pendingSummary, readBatch, trimAcknowledged } from './outbox';
import type { StoredAccount, TokenStore } from './token-store';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncOptions {
  tokenStore: TokenStore;
  fetch?: FetchLike;
  timers?: Timers;
  random?: () => number;
  requestTimeoutMs?: number;
  /** Quiet time after a local write before pushing it. */
  debounceMs?: number;
  /** While mutations are pending, try again at least this often. */
  pendingPollMs?: number;
  backoffBaseMs?: number;
  protocolVersion?: number;
}

type State = SyncStatus['state'];

class SignInNeeded extends Error {}
class UpdateRequired extends Error {}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * The desktop side of DESIGN §8: pushes the outbox in batches, pulls the account's changes, and
 * keeps trying with jittered backoff. One cycle at a time; a trigger during a cycle runs one more.
 * Nothing here touches the network until an account is signed in.
 */
export class SyncEngine {
  private state: State = 'signed_out';
  private lastError: string | null = null;
  private nextAttemptAt: number | null = null;
  private attempt = 0;
  private timer: unknown = null;
  /** When the armed timer fires (ms since the epoch). */
  private timerDue: number | null = null;
  private running: Promise<{ pushed: number; pulled: number }> | null = null;
  private again = false;
  /** Why the platform refused a change in the last cycle, shown until a later cycle succeeds cleanly. */
  private refused: string | null = null;
  private started = false;
  /** Set while the engine itself announces pulled rows (emit is synchronous). */
  private announcingPull = false;
  private unsubscribe: (() => void) | null = null;
  private readonly timers: Timers;
  private readonly schemaVersion = migrationsFor('desktop').at(-1)?.name ?? '';

  constructor(
    private readonly core: Core,
    private readonly opts: SyncOptions,
  ) {
    this.timers = opts.timers ?? realTimers;
  }

  /** Start-up trigger and the local-write trigger; the host adds online and focus. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Local writes only: the change event a pull raises for the UI is not a write to push. While
    // paused (sign-in needed, update required) a write only tells the UI its new pending count.
    const off = this.core.events.on('data.changed', () => {
      if (this.announcingPull) return;
      if (this.paused()) void this.announce();
      else this.schedule(this.opts.debounceMs ?? 2_000);
    });
    this.unsubscribe = typeof off === 'function' ? off : null;
    if (await this.opts.tokenStore.load()) this.schedule(0);
    else await this.setState('signed_out');
  }

  stop(): void {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerDue = null;
  }

  /** Sync waits for the student: to sign in again, or to install an update. */
  private paused(): boolean {
    return this.state === 'update_required' || this.state === 'sign_in_needed';
  }

  private async announce(): Promise<void> {
    try {
      this.core.events.emit('sync.changed', await this.status());
    } catch {
      // the core is closing: nobody is listening
    }
  }

  /** The network came back, or the window got focus: try now unless waiting out a Retry-After. */
  nudge(): void {
    if (this.paused()) return;
    if (this.nextAttemptAt !== null && this.nextAttemptAt > Date.now() && this.attempt > 0) return;
    this.schedule(0);
  }

  async signIn(serverUrl: string, email: string, password: string): Promise<SyncStatus> {
    const client = this.client(serverUrl);
    let tokens;
    try {
      tokens = await client.login(email, password);
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) throw new AppError('UNAUTHORIZED', 'wrong email or password');
      if (err instanceof HttpError && err.status === 429) throw new AppError('UNAVAILABLE', 'too many sign-in attempts; try again later');
      throw new AppError('UNAVAILABLE', `could not reach ${serverUrl}: ${(err as Error).message}`);
    }
    const previous = await this.opts.tokenStore.load();
    await this.core.db.transaction(async (tx) => {
      if (previous && previous.platform_user_id !== tokens.user_id) {
        // Another account: this install starts over as a new client with a fresh cursor.
        await tx.query('UPDATE sync_state SET client_id = gen_random_uuid(), acked_seq = 0, pull_cursor = 0');
      }
      // The first sign-in of this install draws its client_id: a data dir made from the shipped
      // template would otherwise share the template's with every other install.
      await tx.query('UPDATE sync_state SET client_id = gen_random_uuid() WHERE server_url IS NULL');
      await tx.query('UPDATE sync_state SET server_url = $1, last_error = NULL', [serverUrl]);
      await tx.query(`SELECT set_config('app.applying_remote', 'on', true)`);
      await tx.query('UPDATE users SET platform_user_id = $2, email = $3 WHERE id = $1', [this.core.userId, tokens.user_id, email]);
    });
    await this.opts.tokenStore.save({
      server_url: serverUrl,
      email,
      platform_user_id: tokens.user_id,
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
    });
    this.attempt = 0;
    this.lastError = null;
    await this.setState('pending');
    if (this.started) this.schedule(0);
    return this.status();
  }

  async signOut(): Promise<SyncStatus> {
    await this.opts.tokenStore.clear();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerDue = null;
    await this.setState('signed_out');
    return this.status();
  }

  async status(): Promise<SyncStatus> {
    const account = await this.opts.tokenStore.load();
    const { pending, provisional_points } = await pendingSummary(this.core.db);
    const { rows } = await this.core.db.query<{ last_synced_at: string | null }>('SELECT last_synced_at FROM sync_state');
    return {
      state: account ? this.state : 'signed_out',
      signed_in: account !== null,
      server_url: account?.server_url ?? null,
      email: account?.email ?? null,
      pending,
      last_synced_at: rows[0]?.last_synced_at ?? null,
      last_error: this.lastError,
      next_attempt_at: this.nextAttemptAt === null ? null : new Date(this.nextAttemptAt).toISOString(),
      provisional_points,
    };
  }

  /** The signed-in account, if any. */
  account(): Promise<StoredAccount | null> {
    return this.opts.tokenStore.load();
  }

  /** One full cycle now (the sync.now channel): push everything, then pull everything. */
  async syncNow(): Promise<{ pushed: number; pulled: number }> {
    if (this.running) {
      this.again = true;
      await this.running.catch(() => undefined);
      if (this.running) return this.running;
    }
    // Through the core's call gate: a restore swaps the database (and the outbox's lineage) only
    // between cycles, never under a push whose acknowledgement would trim the restored outbox.
    this.running = this.core.gate.shared(() => this.cycle());
    try {
      return await this.running;
    } finally {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }

  /**
   * Arms the one timer for `ms` from now, replacing the armed one; with `keepEarlier` (the 60 s
   * poll) an armed timer that fires sooner (a local write's debounce) stays.
   */
  private schedule(ms: number, keepEarlier = false): void {
    if (!this.started) return;
    const due = Date.now() + ms;
    if (keepEarlier && this.timer !== null && this.timerDue !== null && this.timerDue <= due) {
      this.nextAttemptAt = this.timerDue;
      return;
    }
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.nextAttemptAt = due;
    this.timerDue = due;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.timerDue = null;
      this.syncNow().catch(() => undefined);
    }, ms);
  }

  private async cycle(): Promise<{ pushed: number; pulled: number }> {
    const account = await this.opts.tokenStore.load();
    if (!account) {
      await this.setState('signed_out');
      return { pushed: 0, pulled: 0 };
    }
    await this.setState('syncing');
    try {
      const pushed = await this.pushAll(account);
      const pulled = await this.pullAll(account);
      this.attempt = 0;
      this.lastError = this.refused;
      this.refused = null;
      this.nextAttemptAt = null;
      await this.core.db.query('UPDATE sync_state SET last_synced_at = $1, last_error = $2', [new Date().toISOString(), this.lastError]);
      const { pending } = await pendingSummary(this.core.db);
      await this.setState(pending > 0 ? 'pending' : 'synced');
      // A write during the cycle armed its debounce; the poll only backs it up.
      if (pending > 0) this.schedule(this.opts.pendingPollMs ?? 60_000, true);
      if (pulled > 0) {
        this.announcingPull = true;
        try {
          this.core.events.emit('data.changed', { entities: ['sessions', 'classes', 'assignments', 'goals', 'points', 'achievements', 'settings'], ids: [] });
        } finally {
          this.announcingPull = false;
        }
      }
      return { pushed, pulled };
    } catch (err) {
      this.lastError = (err as Error).message;
      await this.core.db.query('UPDATE sync_state SET last_error = $1', [this.lastError]).catch(() => undefined);
      if (err instanceof SignInNeeded) {
        await this.setState('sign_in_needed');
      } else if (err instanceof UpdateRequired) {
        await this.setState('update_required');
      } else {
        this.attempt += 1;
        const retryAfter = err instanceof HttpError ? err.retryAfterMs : null;
        const delay = backoffDelay(this.attempt, { retryAfterMs: retryAfter, random: this.opts.random, baseMs: this.opts.backoffBaseMs });
        await this.setState(err instanceof NetworkError ? 'offline' : 'error');
        this.schedule(delay);
      }
      throw err;
    }
  }

  /** One push pass over the whole outbox (public for the bench). */
  async pushAll(account: StoredAccount): Promise<number> {
    let pushed = 0;
    for (;;) {
      const batch = await readBatch(this.core.db);
      if (batch.length === 0) return pushed;
      const { rows } = await this.core.db.query<{ client_id: string }>('SELECT client_id FROM sync_state');
      const body = {
        protocol_version: this.opts.protocolVersion ?? PROTOCOL_VERSION,
        schema_version: this.schemaVersion,
        client_id: rows[0]!.client_id,
        mutations: batch,
      };
      let response;
      try {
        response = await this.authorized(account, (token) => this.client(account.server_url).push(token, body));
      } catch (err) {
        await notePushFailure(this.core.db, batch.map((m) => m.seq), (err as Error).message);
        throw err;
      }
      const rejected = response.results.filter((r) => r.status === 'rejected');
      if (rejected.length > 0) this.refused = `${rejected.length} change(s) refused by the platform: ${rejected[0]!.error ?? ''}`;
      if (response.last_seq < batch[0]!.seq) throw new Error('the platform acknowledged nothing of the batch');
      await trimAcknowledged(this.core.db, response.last_seq);
      pushed += response.results.filter((r) => r.status !== 'duplicate').length;
    }
  }

  /** One pull pass to the end of the change log (public for the bench). */
  async pullAll(account: StoredAccount): Promise<number> {
    const { rows } = await this.core.db.query<{ pull_cursor: number }>('SELECT pull_cursor FROM sync_state');
    let cursor = rows[0]!.pull_cursor;
    let changes: Change[] = [];
    let pulled = 0;
    for (;;) {
      const page = await this.authorized(account, (token) => this.client(account.server_url).pull(token, cursor, PULL_PAGE_LIMIT));
      changes.push(...page.changes);
      cursor = page.next_cursor;
      // Pages are applied together so a child never waits for a parent in a later page; a very
      // long catch-up commits every 20,000 changes.
      if (!page.has_more || changes.length >= 20_000) {
        if (changes.length > 0 || cursor !== rows[0]!.pull_cursor) {
          pulled += (await applyChanges(this.core.db, this.core.userId, changes, cursor)).applied;
        }
        changes = [];
      }
      if (!page.has_more) return pulled;
    }
  }

  /** 401: refresh once and resend the same request; a second 401 means signing in again. */
  private async authorized<T>(account: StoredAccount, send: (token: string) => Promise<T>): Promise<T> {
    try {
      return await send(account.access_token);
    } catch (err) {
      if (err instanceof HttpError && err.status === 409) throw new UpdateRequired(err.message);
      if (!(err instanceof HttpError) || err.status !== 401) throw err;
    }
    let tokens;
    try {
      tokens = await this.client(account.server_url).refresh(account.refresh_token);
    } catch (err) {
      if (err instanceof HttpError && (err.status === 401 || err.status === 400)) throw new SignInNeeded('sign in to sync');
      throw err;
    }
    account.access_token = tokens.access_token;
    account.refresh_token = tokens.refresh_token;
    await this.opts.tokenStore.save(account);
    try {
      return await send(account.access_token);
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) throw new SignInNeeded('sign in to sync');
      if (err instanceof HttpError && err.status === 409) throw new UpdateRequired(err.message);
      throw err;
    }
  }

  private client(serverUrl: string): PlatformClient {
    return new PlatformClient(serverUrl, this.opts.fetch ?? fetch, this.opts.requestTimeoutMs ?? 30_000, () => Date.now());
  }

  private async setState(state: State): Promise<void> {
    if (state === this.state) return;
    this.state = state;
    this.core.events.emit('sync.changed', await this.status());
  }
}
