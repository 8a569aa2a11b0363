import { useState } from 'react';
import type { Backup, BackupKind } from '../../../../shared/contract/data';
import { call } from '../../lib/call';
import { dateTime } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { toast } from '../../stores/toasts';
import { Dialog } from '../Dialog';
import { Query } from '../States';
import { fileSize } from './bytes';

const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'Daily',
  manual: 'Made by you',
  pre_migration: 'Before an update',
  pre_restore: 'Before a restore',
  pre_import: 'Before an import',
};

function Busy({ label }: { label: string }) {
  return (
    <span className="settings-busy" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </span>
  );
}

export function BackupsSection() {
  // Backups are files, not rows: no data.changed names them, so the list reloads after each action here.
  const q = useChannel('data.listBackups', {});
  const [making, setMaking] = useState(false);
  const [confirm, setConfirm] = useState<Backup | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const busy = making || restoring !== null;

  async function makeBackup() {
    setMaking(true);
    try {
      const out = await call('data.backup', {});
      const pruned = out.pruned.length ? ` ${out.pruned.length} older backup${out.pruned.length === 1 ? ' was' : 's were'} removed.` : '';
      toast.success(`Backup made (${fileSize(out.backup.size_bytes)}).${pruned}`);
      q.reload();
    } catch (err) {
      toast.error(err);
    } finally {
      setMaking(false);
    }
  }

  async function restore(backup: Backup) {
    setConfirm(null);
    setRestoring(backup);
    try {
      const out = await call('data.restore', { backup_id: backup.backup_id });
      const when = dateTime(out.restored.created_at);
      const safety = out.safety_backup ? ' The state before it is kept as a backup, so you can go back.' : '';
      toast.success(`Restored the backup from ${when}.${safety}${out.check.ok ? '' : ' The data check found problems: run Check data below.'}`);
      q.reload();
    } catch (err) {
      toast.error(err);
    } finally {
      setRestoring(null);
    }
  }

  return (
    <section className="card stack" aria-labelledby="settings-backups">
      <div className="row section-head">
        <h2 id="settings-backups">Backups</h2>
        <button type="button" className="btn" onClick={() => void makeBackup()} disabled={busy} aria-busy={making}>
          Make a backup
        </button>
      </div>
      {making && <Busy label="Making a backup…" />}
      {restoring && <Busy label={`Restoring the backup from ${dateTime(restoring.created_at)}… Other work waits until it is done.`} />}
      <Query q={q} loading="Loading backups…">
        {(data) => {
          const backups = [...data.backups].sort((a, b) => b.created_at.localeCompare(a.created_at));
          return (
            <>
              <p className="muted">
                A backup is made every day and before every update, restore and import.
                {data.directory && (
                  <>
                    {' '}Stored in <code className="path">{data.directory}</code>.
                  </>
                )}
              </p>
              {backups.length === 0 ? (
                <p className="muted">No backups yet.</p>
              ) : (
                <div className="table-wrap">
                  <table aria-label="Backups">
                    <thead>
                      <tr>
                        <th scope="col">Made</th>
                        <th scope="col">Kind</th>
                        <th scope="col" className="num">Sessions</th>
                        <th scope="col" className="num">Size</th>
                        <th scope="col"><span className="visually-hidden">Actions</span></th>
                      </tr>
                    </thead>
                    <tbody>
                      {backups.map((b) => (
                        <tr key={b.backup_id}>
                          <th scope="row">{dateTime(b.created_at)}</th>
                          <td>{KIND_LABELS[b.kind]}</td>
                          <td className="num">{b.row_counts.study_sessions ?? '—'}</td>
                          <td className="num">{fileSize(b.size_bytes)}</td>
                          <td className="num">
                            <button type="button" className="btn btn-small" disabled={busy} onClick={() => setConfirm(b)}
                              aria-label={`Restore the backup from ${dateTime(b.created_at)}`}>
                              Restore
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </Query>
      <Dialog
        open={confirm !== null}
        title="Restore this backup?"
        onClose={() => setConfirm(null)}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setConfirm(null)}>
              Cancel
            </button>
            <button type="button" className="btn btn-danger" onClick={() => confirm && void restore(confirm)}>
              Restore backup
            </button>
          </>
        }
      >
        {confirm && (
          <>
            <p>
              Your data goes back to how it was on <strong>{dateTime(confirm.created_at)}</strong>
              {confirm.row_counts.study_sessions !== undefined && <> ({confirm.row_counts.study_sessions} sessions)</>}. Anything recorded
              after that is replaced.
            </p>
            <p className="muted">A backup of the current state is made first, so you can restore it if you change your mind.</p>
          </>
        )}
      </Dialog>
    </section>
  );
}
