import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrationsFor } from '../../migrations';
import {
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  channels,
  type HostChannel,
  isChannel,
  type SqlChannel,
} from '../../shared/contract/channels';
import { AppError, type Result } from '../../shared/contract/errors';
import type { Settings } from '../../shared/contract/gamification';
import { parseInput } from '../../shared/contract/validate';
import { migrate } from '../../shared/db/migrate';
import { type ChangeLog, type Ctx, inTransaction, newId } from '../../shared/services/context';
import { rollGoals } from '../../shared/services/goals';
import { handlers, READ_CHANNELS } from '../../shared/services/handlers';
import { ensureProfile, readSettings } from '../../shared/services/settings';
import { toErrorBody } from './errors';
import { CoreEventHub } from './events';
import { hostHandlers } from './host-handlers';
import { acquireDataDirLock, type DataDirLock } from './db/lock';
import { Maintenance, type MaintenanceOptions } from './db/maintenance';
import { ensureTemplate, isInitialized, type LocalDb, openPglite, readTemplate } from './db/pglite-db';

export interface CoreOptions {
  /** The PGlite data dir; null keeps the database in memory (tests). */
  dataDir: string | null;
  /** Where the first-run template lives (built on demand when missing). */
  templateDir?: string;
  /** The clock every rule uses; the CLI's --now fixes it. */
  clock?: () => Date;
  /** Zone of a brand-new profile; defaults to the machine's. */
  timeZone?: string;
  maintenance?: MaintenanceOptions | false;
}

export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../.template/', import.meta.url));

/** Written after the first open completes: a data dir without it is an interrupted first run. */
const READY_MARKER = 'study-desk.ready';

/**
 * The desktop engine: one PGlite database behind the channel contract. The Electron utility
 * process, the CLI and the web host each wrap one Core; none of them talks SQL.
 */
export class Core {
  readonly events = new CoreEventHub();
  private settingsCache: Settings;

  private constructor(
    readonly db: LocalDb,
    readonly userId: string,
    settings: Settings,
    private readonly clock: () => Date,
    private readonly lock: DataDirLock | null,
    private readonly maintenance: Maintenance | null,
  ) {
    this.settingsCache = settings;
  }

  static async open(options: CoreOptions): Promise<Core> {
    const { dataDir } = options;
    const clock = options.clock ?? (() => new Date());
    const lock = dataDir ? acquireDataDirLock(dataDir) : null;
    let db: LocalDb | undefined;
    try {
      const migrations = migrationsFor('desktop');
      const fresh = !dataDir || !isInitialized(dataDir) || !existsSync(`${dataDir}/${READY_MARKER}`);
      if (dataDir && fresh) rmSync(dataDir, { recursive: true, force: true }); // an interrupted first run holds no data
      const template = fresh
        ? readTemplate(await ensureTemplate(options.templateDir ?? DEFAULT_TEMPLATE_DIR, migrations))
        : undefined;
      db = await openPglite(dataDir, template);
      await migrate(db, migrations);
      const zone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
      const userId = await ensureProfile(db, newId(), zone);
      if (dataDir && fresh) writeFileSync(`${dataDir}/${READY_MARKER}`, new Date().toISOString());
      const settings = await readSettings(db, userId);
      const maintenance = options.maintenance === false ? null : new Maintenance(db, options.maintenance);
      const core = new Core(db, userId, settings, clock, lock, maintenance);
      await core.transaction((ctx) => rollGoals(ctx));
      return core;
    } catch (err) {
      await db?.close().catch(() => undefined);
      lock?.release();
      throw err;
    }
  }

  now(): string {
    return this.clock().toISOString();
  }

  get settings(): Settings {
    return this.settingsCache;
  }

  /** Runs `fn` in one transaction as of the core's clock and publishes what it changed. */
  async transaction<T>(fn: Parameters<typeof inTransaction<T>>[2]): Promise<T> {
    const { result, changes } = await inTransaction(
      this.db,
      { userId: this.userId, now: this.now(), settings: this.settingsCache },
      fn,
    );
    this.publish(changes);
    return result;
  }

  /** Typed call for in-process hosts: throws AppError on failure. */
  async call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await this.invoke(channel, input);
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.issues);
    return result.data as ChannelOutput<C>;
  }

  /** The one entry point every transport uses: validates, runs, returns a typed result. */
  async invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    try {
      if (!isChannel(channel)) throw new AppError('NOT_FOUND', `unknown channel ${channel}`);
      const parsed = parseInput(channels[channel].input, input);
      let data: unknown;
      if (Object.hasOwn(handlers, channel)) {
        const handler = handlers[channel as SqlChannel] as (ctx: Ctx, input: unknown) => Promise<unknown>;
        data = await this.transaction((ctx) => handler(ctx, parsed));
      } else {
        const handler = hostHandlers[channel as HostChannel] as (core: Core, input: unknown) => Promise<unknown>;
        data = await handler(this, parsed);
      }
      if (!READ_CHANNELS.has(channel)) this.maintenance?.noteWrite();
      if (channel === 'settings.update') this.settingsCache = data as Settings;
      return { ok: true, data };
    } catch (err) {
      return { ok: false, error: toErrorBody(err) };
    }
  }

  private publish(changes: ChangeLog): void {
    if (changes.entities.size > 0) {
      this.events.emit('data.changed', { entities: [...changes.entities], ids: [...changes.ids] });
    }
    for (const m of changes.milestones) this.events.emit('goal.milestone', m);
    for (const a of changes.achievements) this.events.emit('achievement.earned', a);
  }

  async close(): Promise<void> {
    try {
      await this.maintenance?.stop();
      await this.db.exec('CHECKPOINT').catch(() => undefined);
      await this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}
