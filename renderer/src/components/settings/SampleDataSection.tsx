import { useEffect, useState } from 'react';
import type { TaskProgress } from '../../../../shared/contract/events';
import { api } from '../../api';
import { call } from '../../lib/call';
import { useChannel } from '../../lib/useChannel';
import { toast } from '../../stores/toasts';

/**
 * A year of made-up study for a profile that has none yet, to try the reports and analytics before
 * there is a history of one's own. The core refuses once any study is recorded, so the offer is
 * only shown on an empty profile; the bar follows the core's task.progress steps.
 */
export function SampleDataSection() {
  const sessions = useChannel('sessions.list', { limit: 1 }, ['sessions']);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<TaskProgress | null>(null);

  useEffect(() => {
    if (!busy) return;
    return api.onEvent('task.progress', (p) => p.task === 'seed_demo' && setProgress(p));
  }, [busy]);

  if (!busy && sessions.data?.total_count !== 0) return null;

  async function seed() {
    setBusy(true);
    setProgress(null);
    try {
      const counts = await call('data.seedDemo', { years: 1 });
      toast.success(`Added a year of sample study: ${counts.sessions.toLocaleString()} sessions in ${counts.classes} classes`);
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <section className="card stack" aria-labelledby="settings-sample">
      <h2 id="settings-sample">Sample data</h2>
      <p className="muted">
        Nothing is recorded yet. To see what the dashboard, reports and analytics look like after a while, fill this profile
        with a year of made-up study (classes, sessions, goals). It is only offered while the profile is empty.
      </p>
      <div className="row">
        <button type="button" className="btn" onClick={() => void seed()} disabled={busy} aria-busy={busy}>
          Add a year of sample study
        </button>
        <span role="status" className="settings-busy">
          {busy && (
            <>
              <span className="spinner" aria-hidden="true" />{' '}
              {progress ? `${progress.label} (step ${progress.done} of ${progress.total})` : 'Planning a year of study…'}
            </>
          )}
        </span>
      </div>
      {busy && (
        <progress
          className="task-progress"
          aria-label="Sample data progress"
          max={progress?.total ?? 1}
          value={progress?.done ?? 0}
        />
      )}
    </section>
  );
}
