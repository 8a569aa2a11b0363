/**
 * `data.import`: a full export (.json), or sessions in the sessions export's format (.csv, or its
 * .json flavour). The file is read and validated first. A dry run runs the import inside a
 * transaction that is rolled back, which yields the exact report. A real import that will change
 * something (rows this profile lacks, or a trial run says so) takes a backup first, then runs and
 * commits: all of it or none of it. One that changes nothing takes no backup.
 */
import type { ChannelOutput, ParsedInput } from '../../../../shared/contract/channels';
import { EXPORT_FORMAT } from '../../../../shared/contract/data-rows';
import { AppError } from '../../../../shared/contract/errors';
import type { Ctx } from '../../../../shared/services/context';
import { migrationsFor } from '../../../../migrations';
import type { Core } from '../../core';
import { createBackup, pruneBackups } from '../backup/backup';
import { applyDocument, type DocumentPlan, documentHasNews, planDocument } from './import-document';
import { applySessions, type SessionRecord, sessionsFromCsv, sessionsFromJson } from './import-sessions';
import { parseJson, readImportText } from './read-file';
import { ImportReport } from './report';

type Plan =
  | { format: 'json'; kind: 'document'; plan: DocumentPlan }
  | { format: 'json' | 'csv'; kind: 'sessions'; records: SessionRecord[]; parseReport: ImportReport };

class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

async function readPlan(path: string): Promise<Plan> {
  const text = await readImportText(path);
  if (path.toLowerCase().endsWith('.csv')) {
    const parseReport = new ImportReport();
    return { format: 'csv', kind: 'sessions', records: sessionsFromCsv(text, parseReport), parseReport };
  }
  const value = parseJson(text, path);
  const doc = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  if (doc?.format === 'study-desk-export' && doc.kind === 'sessions') {
    const parseReport = new ImportReport();
    return { format: 'json', kind: 'sessions', records: sessionsFromJson(doc, parseReport), parseReport };
  }
  if (doc?.format === 'study-desk-export') {
    throw new AppError('VALIDATION', `a ${String(doc.kind).slice(0, 40)} export cannot be imported: import a full export (${EXPORT_FORMAT}) or a sessions export`, [{ path: 'path', message: 'unsupported kind' }]);
  }
  return { format: 'json', kind: 'document', plan: planDocument(value, migrationsFor('desktop')) };
}

async function apply(core: Core, plan: Plan, commit: boolean): Promise<{ report: ImportReport; settingsChanged: boolean }> {
  const report = new ImportReport();
  const run = async (ctx: Ctx) => {
    let settingsChanged = false;
    if (plan.kind === 'document') settingsChanged = (await applyDocument(ctx, plan.plan, report)).settingsChanged;
    else {
      for (const s of plan.parseReport.skipped) report.skip(s.table, s.row, s.id, s.reason);
      await applySessions(ctx, plan.records, report);
    }
    if (!commit) throw new RolledBack(report);
    return settingsChanged;
  };
  try {
    const settingsChanged = await core.transaction(run);
    return { report, settingsChanged };
  } catch (err) {
    if (err instanceof RolledBack) return { report: err.report, settingsChanged: false };
    throw err;
  }
}

function output(report: ImportReport, plan: Plan, dryRun: boolean, backupId: string | null): ChannelOutput<'data.import'> {
  return {
    dry_run: dryRun,
    format: plan.format,
    backup_id: backupId,
    tables: report.tables,
    skipped: report.skipped,
    skipped_total: report.skippedTotal,
    preview: report.preview,
    message: report.summary(dryRun),
  };
}

/** A document with rows this profile lacks (or older versions of) will change something: no trial needed. */
async function surelyChanges(core: Core, plan: Plan): Promise<boolean> {
  return plan.kind === 'document' && (await core.transaction((ctx) => documentHasNews(ctx.tx, plan.plan, ctx.userId)));
}

export async function importFile(core: Core, input: ParsedInput<'data.import'>): Promise<ChannelOutput<'data.import'>> {
  const plan = await readPlan(input.path);
  if (input.dry_run || !(await surelyChanges(core, plan))) {
    const trial = await apply(core, plan, false);
    if (input.dry_run || !trial.report.changed) return output(trial.report, plan, input.dry_run, null);
  }
  let backupId: string | null = null;
  if (core.backupFolder) {
    const folder = core.backupFolder;
    backupId = (await createBackup({ db: core.db, dataDir: core.dataDir, folder }, 'pre_import', new Date(core.now()))).backup_id;
    await pruneBackups(folder, new Date(core.now()), core.settings.time_zone, core.rotation);
  }
  const done = await apply(core, plan, true);
  if (done.settingsChanged) await core.reloadSettings();
  return output(done.report, plan, false, backupId);
}
