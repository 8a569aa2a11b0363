/**
 * `data.exportAll`: everything the student owns as one versioned JSON document. The text is a
 * function of the data alone (rows ordered by id, keys in column order, one row per line, no
 * timestamp of its own: the file name and the answer carry that), so an export imported into an
 * empty profile exports again byte for byte, and two exports diff well.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from '../../../../shared/contract/data-rows';
import { AppError } from '../../../../shared/contract/errors';
import type { ChannelOutput, ParsedInput } from '../../../../shared/contract/channels';
import type { Db, Tx } from '../../../../shared/db/db';
import type { Core } from '../../core';
import { appVersion } from '../app-version';
import { appliedMigrations } from '../backup/backup';
import { writeFileAtomic } from '../backup/manifest';
import { PROFILE_COLUMNS, SETTINGS_COLUMNS, TABLE_SPECS } from './tables';

type Row = Record<string, unknown>;

const select = (columns: readonly string[]) => {
  if (!columns.every((c) => /^[a-z_]+$/.test(c))) throw new Error('unexpected column name');
  return columns.join(', ');
};

async function rowsOf(tx: Tx, sql: string, userId: string): Promise<Row[]> {
  const { rows } = await tx.query<{ r: Row }>(`SELECT row_to_json(x) AS r FROM (${sql}) x`, [userId]);
  return rows.map((r) => r.r);
}

export interface ExportDocument {
  text: string;
  schemaVersion: string;
  counts: Record<string, number>;
}

/** Builds the document from one consistent snapshot of the database. */
export async function buildExport(db: Db, userId: string): Promise<ExportDocument> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const migrations = await appliedMigrations(tx);
    const schemaVersion = migrations.at(-1) ?? 'none';
    const [profile] = await rowsOf(tx, `SELECT ${select(PROFILE_COLUMNS)} FROM users WHERE id = $1`, userId);
    const [settings] = await rowsOf(tx, `SELECT ${select(SETTINGS_COLUMNS)} FROM settings WHERE user_id = $1`, userId);
    const lines = [
      '{',
      `  "format": ${JSON.stringify(EXPORT_FORMAT)},`,
      `  "format_version": ${EXPORT_FORMAT_VERSION},`,
      `  "schema_version": ${JSON.stringify(schemaVersion)},`,
      `  "app_version": ${JSON.stringify(appVersion())},`,
      `  "profile": ${JSON.stringify(profile ?? null)},`,
      `  "settings": ${JSON.stringify(settings ?? null)},`,
      '  "tables": {',
    ];
    const counts: Record<string, number> = {};
    for (const [i, t] of TABLE_SPECS.entries()) {
      const rows = await rowsOf(tx, `SELECT ${select(t.columns)} FROM ${t.name} WHERE user_id = $1 ORDER BY id`, userId);
      counts[t.name] = rows.length;
      const last = i === TABLE_SPECS.length - 1;
      if (rows.length === 0) {
        lines.push(`    ${JSON.stringify(t.name)}: []${last ? '' : ','}`);
        continue;
      }
      lines.push(`    ${JSON.stringify(t.name)}: [`);
      rows.forEach((r, j) => lines.push(`      ${JSON.stringify(r)}${j === rows.length - 1 ? '' : ','}`));
      lines.push(`    ]${last ? '' : ','}`);
    }
    lines.push('  }', '}', '');
    return { text: lines.join('\n'), schemaVersion, counts };
  });
}

/** `<userData>/exports/study-desk-data-<stamp>.json` when the caller names no file. */
function defaultPath(core: Core): string {
  if (!core.dataDir) throw new AppError('VALIDATION', 'an in-memory profile has no exports folder: give a path', [{ path: 'path', message: 'required here' }]);
  const stamp = core.now().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.join(path.dirname(path.resolve(core.dataDir)), 'exports', `study-desk-data-${stamp}.json`);
}

export async function exportAll(core: Core, input: ParsedInput<'data.exportAll'>): Promise<ChannelOutput<'data.exportAll'>> {
  const target = input.path ?? defaultPath(core);
  const exportedAt = core.now();
  const doc = await buildExport(core.db, core.userId);
  if (!input.path) await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await writeFileAtomic(target, doc.text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `folder ${path.dirname(target)} does not exist`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') throw new AppError('FORBIDDEN', `cannot write ${target}: ${code}`);
    throw err;
  }
  return {
    path: target,
    format_version: EXPORT_FORMAT_VERSION,
    schema_version: doc.schemaVersion,
    exported_at: exportedAt,
    row_counts: doc.counts,
    size_bytes: Buffer.byteLength(doc.text),
    sha256: createHash('sha256').update(doc.text).digest('hex'),
  };
}
