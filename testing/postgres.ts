/**
 * An ephemeral PostgreSQL cluster for tests, started from the installed server binaries
 * (`initdb` + `pg_ctl` on a temp dir and a free loopback port). Never a mock (DESIGN §10).
 */
import { execFile, spawnSync, type ExecFileOptions } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EphemeralPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, superuser, trust auth. */
  url: string;
  port: number;
  /** Stops the server (`-m immediate`) and removes its temp dir. Idempotent. */
  stop(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * Starts a fresh cluster. Returns null when no server binaries are installed (the caller skips),
 * except under `CI=true`, where that is an error: CI must not go green by skipping.
 */
export async function startPostgres(): Promise<EphemeralPostgres | null> {
  const bin = findServerBinaries();
  if (!bin) {
    if (process.env.CI === 'true') {
      throw new Error(
        'PostgreSQL server binaries are required in CI (initdb and pg_ctl not found in $PG_BIN, ' +
          '/usr/lib/postgresql/*/bin or PATH); install the postgresql package',
      );
    }
    return null;
  }

  // initdb and postgres refuse to run as root; tests here often do.
  const runAs = process.getuid?.() === 0 ? postgresOsUser() : null;
  const dir = await mkdtemp(path.join(tempBase(runAs !== null), 'study-desk-pg-'));
  try {
    if (runAs) await chown(dir, runAs.uid, runAs.gid);
    const dataDir = path.join(dir, 'data');
    const logFile = path.join(dir, 'server.log');
    const run = (tool: string, args: string[]) =>
      runTool(path.join(bin, tool), args, { cwd: dir, ...(runAs ?? {}) });

    await run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    // Settings go in the config file rather than `pg_ctl -o`, which passes its string through a shell.
    await appendFile(
      path.join(dataDir, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir.replaceAll("'", "''")}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        "TimeZone = 'UTC'",
        '',
      ].join('\n'),
    );

    // A port found free can be taken before the server binds it: retry with a new one.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await run('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', `-p ${port}`]);
        break;
      } catch (err) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        if (attempt < 3 && /could not (bind|create listen socket)|already in use/i.test(log)) continue;
        throw new Error(`${(err as Error).message}\n--- server log ---\n${log.slice(-4000)}`, { cause: err });
      }
    }

    const stopSync = () => {
      spawnSync(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w'], {
        cwd: dir,
        stdio: 'ignore',
        ...(runAs ?? {}),
      });
    };
    // A test process that dies without calling stop() must not leave a postmaster behind.
    process.on('exit', stopSync);

    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.off('exit', stopSync);
        try {
          await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Creates a fresh, empty database on the cluster at `url` and returns its url. */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return dbUrl.toString();
}

/** `$PG_BIN`, else the highest `/usr/lib/postgresql/<major>/bin`, else the first PATH entry that has both tools. */
function findServerBinaries(): string | null {
  const hasTools = (dir: string) => isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'pg_ctl'));

  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (!hasTools(fromEnv)) throw new Error(`PG_BIN=${fromEnv} does not contain initdb and pg_ctl`);
    return fromEnv;
  }

  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const majors = readdirSync(debianRoot)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const dir = path.join(debianRoot, major, 'bin');
      if (hasTools(dir)) return dir;
    }
  }

  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && hasTools(dir)) return dir;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function postgresOsUser(): OsUser {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      'running as root, and PostgreSQL refuses to run as root: the "postgres" OS user is needed to run ' +
        'the test cluster (it comes with the Debian postgresql package); or run the tests as a normal user',
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** The temp dir must be reachable by the postgres user when we switch to it. */
function tempBase(forOtherUser: boolean): string {
  const base = tmpdir();
  if (!forOtherUser) return base;
  const traversableByOthers = (dir: string): boolean => {
    for (let d = dir; ; d = path.dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0) return false;
      if (path.dirname(d) === d) return true;
    }
  };
  return traversableByOthers(base) ? base : '/tmp';
}

function runTool(file: string, args: string[], opts: ExecFileOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    // uid/gid make libuv setuid in the child and drop root's supplementary groups.
    execFile(file, args, { ...opts, encoding: 'utf8', timeout: 120_000 }, (err, stdout) => {
      if (err) {
        // err.message already carries the command line and stderr.
        reject(new Error(stdout ? `${err.message}\n${String(stdout)}` : err.message));
      } else {
        resolve(String(stdout));
      }
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}
