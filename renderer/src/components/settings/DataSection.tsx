import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import type { CheckOutput } from '../../../../shared/contract/data';
import { call } from '../../lib/call';
import { dateTime } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { fileSize } from './bytes';

const CHECK_LABELS: Record<CheckOutput['checks'][number]['name'], string> = {
  database: 'Database',
  migrations: 'Schema version',
  ledger: 'Points ledger',
  open_sessions: 'Open sessions',
  outbox: 'Sync queue',
  orphan_activities: 'Activities',
};

function CheckResult({ result }: { result: CheckOutput }) {
  return (
    <div className="stack">
      <p>
        <span className={`badge badge-${result.ok ? 'good' : 'bad'}`}>{result.ok ? 'All good' : 'Problems found'}</span>{' '}
        <span className="muted">Checked {dateTime(result.checked_at)}</span>
      </p>
      <ul className="check-list">
        {result.checks.map((c) => (
          <li key={c.name}>
            <span className={`badge badge-${c.ok ? 'good' : 'bad'}`}>{c.ok ? 'OK' : `${c.count} found`}</span>{' '}
            <strong>{CHECK_LABELS[c.name]}</strong>: {c.message}
            {c.samples.length > 0 && (
              <details>
                <summary>Examples</summary>
                <ul>{c.samples.map((s) => <li key={s}><code>{s}</code></li>)}</ul>
              </details>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DataSection() {
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<CheckOutput | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<ChannelOutput<'data.exportAll'> | null>(null);

  async function runCheck() {
    setChecking(true);
    try {
      setCheck(await call('data.check', {}));
    } catch (err) {
      toast.error(err);
    } finally {
      setChecking(false);
    }
  }

  async function runExport() {
    setExporting(true);
    try {
      const out = await call('data.exportAll', {});
      setExported(out);
      toast.success(`Exported everything (${fileSize(out.size_bytes)})`);
    } catch (err) {
      toast.error(err);
    } finally {
      setExporting(false);
    }
  }

  const rows = exported ? Object.values(exported.row_counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <section className="card stack" aria-labelledby="settings-data">
      <h2 id="settings-data">Data</h2>
      <div className="row">
        <button type="button" className="btn" onClick={() => void runCheck()} disabled={checking} aria-busy={checking}>
          Check data
        </button>
        <button type="button" className="btn" onClick={() => void runExport()} disabled={exporting} aria-busy={exporting}>
          Export all data
        </button>
        <span role="status" className="settings-busy">
          {(checking || exporting) && (
            <>
              <span className="spinner" aria-hidden="true" /> {checking ? 'Checking your data…' : 'Exporting all your data…'}
            </>
          )}
        </span>
      </div>
      <p className="muted">
        The check confirms the database opens and its points, sessions and sync queue agree. The export writes everything you
        recorded to one JSON file that Study Desk can import again.
      </p>
      {exported && (
        <p>
          Saved {rows} rows ({fileSize(exported.size_bytes)}) to <code className="path">{exported.path}</code>
        </p>
      )}
      {check && <CheckResult result={check} />}
    </section>
  );
}
