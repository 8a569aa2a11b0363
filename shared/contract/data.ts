import { z } from 'zod';
import { Id, Instant, Message, storableText } from './common';

export const BACKUP_KINDS = ['daily', 'manual', 'pre_migration', 'pre_restore', 'pre_import'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

const Counts = z.record(z.string(), z.number().int());

/** One backup as the folder's manifest describes it. */
export const Backup = z.object({
  backup_id: Id,
  kind: z.enum(BACKUP_KINDS),
  created_at: Instant,
  file_name: z.string(),
  size_bytes: z.number().int(),
  /** Of the archive; null while a data dir a restore replaced is kept uncompressed. */
  sha256: z.string().nullable(),
  app_version: z.string(),
  /** The last migration the backed-up database had applied. */
  schema_version: z.string(),
  row_counts: Counts,
});
export type Backup = z.infer<typeof Backup>;

export const BackupInput = z.strictObject({});
export const BackupOutput = z.object({ backup: Backup, pruned: z.array(Id), message: Message });

export const ListBackupsOutput = z.object({ directory: z.string().nullable(), backups: z.array(Backup) });

export const RestoreInput = z.strictObject({ backup_id: Id });

export const CHECK_NAMES = ['database', 'migrations', 'ledger', 'open_sessions', 'outbox', 'orphan_activities'] as const;
export const Check = z.object({
  name: z.enum(CHECK_NAMES),
  ok: z.boolean(),
  /** How many rows (or migrations) break the rule. */
  count: z.number().int(),
  message: z.string(),
  /** A few of the offending rows, for a bug report. */
  samples: z.array(z.string()),
});
export const CheckOutput = z.object({
  ok: z.boolean(),
  checked_at: Instant,
  schema_version: z.string(),
  row_counts: Counts,
  checks: z.array(Check),
});
export type CheckOutput = z.infer<typeof CheckOutput>;

export const RestoreOutput = z.object({
  restored: Backup,
  /** The state just before the restore, kept so the restore itself can be undone. */
  safety_backup: Backup.nullable(),
  migrations_applied: z.array(z.string()),
  /** Rows queued for sync because the restore changed them from what this device had sent. */
  requeued: z.number().int(),
  /** The restored database opens, reads and has this build's migrations (data.check adds the invariants). */
  check: CheckOutput,
  message: Message,
});

/**
 * An absolute path to a file of the given kind. Paths come from the host's file dialogs or the
 * command line; the extension keeps a stray call from overwriting anything but an export.
 */
export const FilePath = (...extensions: string[]) =>
  z
    .string()
    .min(1)
    .max(4096)
    .refine(storableText, 'contains a NUL character or an unpaired surrogate')
    .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'expected an absolute path')
    .refine((p) => extensions.some((e) => p.toLowerCase().endsWith(e)), `expected a ${extensions.join(' or ')} file`);

export const ExportAllInput = z.strictObject({ path: FilePath('.json').optional() });
export const ExportAllOutput = z.object({
  path: z.string(),
  format_version: z.number().int(),
  schema_version: z.string(),
  exported_at: Instant,
  row_counts: Counts,
  size_bytes: z.number().int(),
  sha256: z.string(),
});

export const ImportInput = z.strictObject({
  path: FilePath('.json', '.csv'),
  /** Report what the import would do and change nothing. */
  dry_run: z.boolean().default(false),
});

export const IMPORT_ACTIONS = ['add', 'update'] as const;
export const TableCounts = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
});
export const SkippedRow = z.object({
  table: z.string(),
  /** 1-based position in the file's section (for CSV: the record number after the header); null for a whole section. */
  row: z.number().int().nullable(),
  id: z.string().nullable(),
  reason: z.string(),
});
export const ImportOutput = z.object({
  dry_run: z.boolean(),
  format: z.enum(['json', 'csv']),
  /** The backup taken just before the rows were written; null for a dry run or an import that changed nothing. */
  backup_id: Id.nullable(),
  tables: z.record(z.string(), TableCounts),
  skipped: z.array(SkippedRow),
  /** Every skipped row, also those past the list's cap. */
  skipped_total: z.number().int(),
  /** The first rows that are (or would be) added or updated, one line each. */
  preview: z.array(z.object({ table: z.string(), id: z.string(), action: z.enum(IMPORT_ACTIONS), summary: z.string() })),
  message: Message,
});
export type ImportOutput = z.infer<typeof ImportOutput>;

/** Sample study history for an empty profile (Settings → Data), built as of the core's clock. */
export const SeedDemoInput = z.strictObject({ years: z.number().int().min(1).max(4).default(1) });
export const SeedDemoOutput = z.object({
  classes: z.number().int(),
  sessions: z.number().int(),
  activities: z.number().int(),
  goals: z.number().int(),
  assignments: z.number().int(),
});
