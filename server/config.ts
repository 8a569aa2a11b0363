import path from 'node:path';

/** How `npm run server` is configured: the environment, with the platform's defaults. */
export interface ServerConfig {
  /** PORT, default 8012 (the platform's port for this service); 0 picks a free one. */
  port: number;
  /** HOST, default 127.0.0.1 (put a reverse proxy in front rather than binding 0.0.0.0 by accident). */
  host: string;
  /** SERVER_DATA_DIR, default .server-data/: the PGlite database and the generated JWT secret. */
  dataDir: string;
  /** DATABASE_URL: PostgreSQL when set, embedded PGlite in dataDir when not. */
  databaseUrl: string | null;
}

export const DEFAULT_PORT = 8012;

export function serverConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const rawPort = env.PORT?.trim() || String(DEFAULT_PORT);
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) throw new Error(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: path.resolve(cwd, env.SERVER_DATA_DIR?.trim() || '.server-data'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
  };
}
