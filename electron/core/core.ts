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
import type { CheckOutput } from '../../shared/contract/data';
import { AppError, type Result } from '../../shared/contract/errors';
import { DATA_ENTITIES } from '../../shared/contract/events';
import type { Settings } from '../../shared/contract/gamification';
import { parseInput } from '../../shared/contract/validate';
import { migrate } from '../../shared/db/migrate';
import { type ChangeLog, type Ctx, inTransaction, newId } from '../../shared/services/context';
import { fillRecentPeriods } from '../../shared/services/analytics/periods';
import { rollGoals } from '../../shared/services/goals';
import { handlers, READ_CHANNELS } from '../../shared/services/handlers';
import { ensureProfile, readSettings } from '../../shared/services/settings';
import { type CoreService, startCoreServices } from './core-services';
import { toErrorBody } from './errors';
import { CoreEventHub } from './events';
import { createBackup } from './data/backup/backup';
import type { BackupFolder } from './data/backup/manifest';
import { DEFAULT_ROTATION, type RotationPolicy } from './data/backup/rotation';
import { recoverSwap } from './data/backup/swap';
import { checkDatabase } from './data/check';
import { CallGate } from './data/gate';
import { assertNotGutted, backupFolderOf, beforeOpen, dailyBackups, damaged, markCleanShutdown } from './data/lifecycle';
import { EXCLUSIVE_CHANNELS, HOST_READ_CHANNELS, hostHandlers } from './host-handlers';
import { acquireDataDirLock, type DataDirLock } from './db/lock';
import { Maintenance, type MaintenanceOptions } from './db/maintenance';
import { ensureTemplate, isInitialized, type LocalDb, openPglite, READY_MARKER, readTemplate } from './db/pglite-db';
import type { TimerEngineOptions } from './timer/engine';

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
  /** Where backups go: `<dataDir>/../backups` by default; an in-memory core has none unless given one. */
  backupsDir?: string | null;
  backupRotation?: RotationPolicy;
  /** The focus timer's OS timers (tests inject a fake scheduler). */
  timer?: TimerEngineOptions;
}

export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../.template/', import.meta.url));

/**
 * The desktop engine: one PGlite database behind the channel contract. The Electron utility
 * process, the CLI and the web host each wrap one Core; none of them talks SQL.
 */
export class Core {
  readonly events = new CoreEventHub();
  /** Calls share the database; a restore takes it alone (data/gate.ts). */
  readonly gate = new CallGate();
  /** The integrity check this open ran because the previous session did not shut down cleanly. */
  startupCheck: CheckOutput | null = null;
  private settingsCache: Settings;
  private maintenance: Maintenance | null = null;
  private services: CoreService[] = [];

  private constructor(
    private database: LocalDb,
    private profileId: string,
    settings: Settings,
    private readonly clock: () => Date,
    private readonly lock: DataDirLock | null,
    private readonly options: CoreOptions,
    readonly backupFolder: BackupFolder | null,
  ) {
    this.settingsCache = settings;
  }

  get db(): LocalDb {
    return this.database;
  }

  get userId(): string {
    return this.profileId;
  }

  get dataDir(): string | null {
    return this.options.dataDir;
  }

  get rotation(): RotationPolicy {
    return this.options.backupRotation ?? DEFAULT_ROTATION;
  }

  static async open(options: CoreOptions): Promise<Core> {
    const { dataDir } = options;
    const clock = options.clock ?? (() => new Date());
    const lock = dataDir ? acquireDataDirLock(dataDir) : null;
    let db: LocalDb | undefined;
    try {
      const migrations = migrationsFor('desktop');
      const { unclean } = dataDir ? await beforeOpen(dataDir) : { unclean: false };
      if (dataDir) assertNotGutted(dataDir);
      const fresh = !dataDir || !isInitialized(dataDir) || !existsSync(`${dataDir}/${READY_MARKER}`);
      if (dataDir && fresh) rmSync(dataDir, { recursive: true, force: true }); // an interrupted first run holds no data
      const template = fresh
        ? readTemplate(await ensureTemplate(options.templateDir ?? DEFAULT_TEMPLATE_DIR, migrations))
        : undefined;
      const folder = backupFolderOf(dataDir, options.backupsDir);
      try {
        const opened = (db = await openPglite(dataDir, template));
        const backUpFirst = async () => {
          await createBackup({ db: opened, dataDir, folder: folder! }, 'pre_migration', clock()).catch((err: Error) => {
            throw new AppError('UNAVAILABLE', `could not back up before migrating, so nothing was migrated: ${err.message}`);
          });
        };
        await migrate(db, migrations, folder && !fresh ? { beforeApply: backUpFirst } : {});
      } catch (err) {
        throw dataDir && !fresh ? damaged(dataDir, err) : err;
      }
      const zone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
      const userId = await ensureProfile(db, newId(), zone);
      if (dataDir && fresh) writeFileSync(`${dataDir}/${READY_MARKER}`, new Date().toISOString());
      const settings = await readSettings(db, userId);
      const core = new Core(db, userId, settings, clock, lock, options, folder);
      core.startMaintenance();
      await core.transaction((ctx) => rollGoals(ctx));
      if (unclean) core.startupCheck = await checkDatabase(db, migrations, core.now());
      core.services = await startCoreServices(core, options);
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
    const run = () => this.run(channel, input);
    return EXCLUSIVE_CHANNELS.has(channel) ? this.gate.exclusive(run) : this.gate.shared(run);
  }

  private async run(channel: string, input: unknown): Promise<Result<unknown>> {
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
      if (!READ_CHANNELS.has(channel) && !HOST_READ_CHANNELS.has(channel)) this.maintenance?.noteWrite();
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

  private startMaintenance(): void {
    if (this.options.maintenance === false) return;
    const daily = dailyBackups(this);
    const onIdle = async () => {
      await daily?.onIdle();
      await this.refreshCaches();
    };
    this.maintenance = new Maintenance(this.database, { onIdle, ...this.options.maintenance });
  }

  /**
   * Recomputes the period snapshots that writes dropped, for the last year and a bit, while the
   * student is away, so opening a report reads them instead of computing them. A no-op (one small
   * query per grain) when nothing is missing.
   */
  async refreshCaches(): Promise<void> {
    await this.transaction((ctx) => fillRecentPeriods(ctx));
  }

  /** After an import wrote the settings row. */
  async reloadSettings(): Promise<void> {
    this.settingsCache = await readSettings(this.database, this.profileId);
  }

  /**
   * For restore, inside gate.exclusive: closes the database, lets `replace` swap the data dir's
   * files (on disk) or hand over the new database (in memory), and carries on with the result.
   * On disk the dir is reopened even when `replace` fails, finishing or undoing its swap first.
   */
  async swapDatabase(replace: () => Promise<LocalDb | void>): Promise<void> {
    for (const service of this.services.reverse()) await service.stop(); // they restart on the restored state
    this.services = [];
    await this.maintenance?.stop();
    this.maintenance = null;
    const old = this.database;
    const { dataDir } = this.options;
    let failure: unknown = null;
    if (dataDir) {
      await old.exec('CHECKPOINT').catch(() => undefined);
      await old.close();
      await replace().catch((err: unknown) => (failure = err));
      await recoverSwap(dataDir);
      this.database = await openPglite(dataDir);
      await migrate(this.database, migrationsFor('desktop'));
    } else {
      this.database = (await replace()) as LocalDb;
      await old.close();
    }
    this.profileId = await ensureProfile(this.database, newId(), this.settingsCache.time_zone);
    await this.reloadSettings();
    this.startMaintenance();
    this.services = await startCoreServices(this, this.options);
    if (failure) throw failure;
    this.events.emit('data.changed', { entities: [...DATA_ENTITIES], ids: [] });
  }

  async close(): Promise<void> {
    await this.gate.exclusive(async () => {
      try {
        for (const service of this.services.reverse()) await service.stop();
        await this.maintenance?.stop();
        await this.db.exec('CHECKPOINT').catch(() => undefined);
        await this.db.close();
        if (this.options.dataDir) markCleanShutdown(this.options.dataDir);
      } finally {
        this.lock?.release();
      }
    });
  }
}
