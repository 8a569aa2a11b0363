import type { ImportOutput } from '../../../../shared/contract/data';

type Counts = ImportOutput['tables'][string];

const MAX_SKIPPED = 1000;
const MAX_PREVIEW = 200;

/** What an import did (or would do), row by row: the channel's answer. */
export class ImportReport {
  readonly tables: Record<string, Counts> = {};
  readonly skipped: ImportOutput['skipped'] = [];
  readonly preview: ImportOutput['preview'] = [];
  skippedTotal = 0;

  private counts(table: string): Counts {
    return (this.tables[table] ??= { added: 0, updated: 0, unchanged: 0, skipped: 0 });
  }

  add(table: string, id: string, summary: string): void {
    this.counts(table).added++;
    if (this.preview.length < MAX_PREVIEW) this.preview.push({ table, id, action: 'add', summary });
  }

  update(table: string, id: string, summary: string): void {
    this.counts(table).updated++;
    if (this.preview.length < MAX_PREVIEW) this.preview.push({ table, id, action: 'update', summary });
  }

  unchanged(table: string): void {
    this.counts(table).unchanged++;
  }

  skip(table: string, row: number | null, id: unknown, reason: string): void {
    if (row !== null) this.counts(table).skipped++;
    this.skippedTotal++;
    if (this.skipped.length < MAX_SKIPPED) {
      this.skipped.push({ table, row, id: typeof id === 'string' ? id.slice(0, 100) : null, reason: reason.slice(0, 500) });
    }
  }

  get changed(): boolean {
    return Object.values(this.tables).some((c) => c.added + c.updated > 0);
  }

  summary(dryRun: boolean): string {
    const total = (k: keyof Counts) => Object.values(this.tables).reduce((n, c) => n + c[k], 0);
    const verb = dryRun ? 'would add' : 'added';
    return `${verb} ${total('added')}, ${dryRun ? 'would update' : 'updated'} ${total('updated')}, ` +
      `${total('unchanged')} already present, ${this.skippedTotal} skipped`;
  }
}
