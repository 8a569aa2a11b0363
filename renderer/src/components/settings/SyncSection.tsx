import { type FormEvent, useEffect, useState } from 'react';
import type { SYNC_STATES, SyncStatus } from '../../../../shared/contract/sync';
import { api } from '../../api';
import { ApiError, call } from '../../lib/call';
import { dateTime } from '../../lib/format';
import { fieldErrorsFrom, type FieldErrors } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { Field, FormError } from '../Field';
import { ErrorBox, Loading } from '../States';

type SyncState = (typeof SYNC_STATES)[number];

const STATE_TEXT: Record<SyncState, { label: string; tone: 'good' | 'warn' | 'bad' | 'muted'; help: string }> = {
  signed_out: { label: 'Not signed in', tone: 'muted', help: 'Everything stays on this device. Sign in to back it up to the study platform and see it on your other devices.' },
  synced: { label: 'Synced', tone: 'good', help: 'The platform has everything recorded here.' },
  syncing: { label: 'Syncing…', tone: 'muted', help: 'Sending and receiving changes.' },
  pending: { label: 'Changes waiting', tone: 'warn', help: 'Changes recorded here will be sent shortly.' },
  offline: { label: 'Offline', tone: 'warn', help: 'The platform cannot be reached. Keep studying: changes are sent when it can.' },
  sign_in_needed: { label: 'Sign-in needed', tone: 'bad', help: 'The platform no longer accepts this sign-in. Sign in again to resume syncing; nothing recorded here is lost.' },
  update_required: { label: 'Update required', tone: 'bad', help: 'The platform needs a newer Study Desk. Your changes stay queued until you update.' },
  error: { label: 'Error', tone: 'bad', help: 'The last sync failed. It is retried automatically.' },
};

type SignInField = 'server_url' | 'email' | 'password';
const SIGN_IN_FIELDS: Record<string, SignInField> = { server_url: 'server_url', email: 'email', password: 'password' };
const SIGN_IN_LABELS = { server_url: 'Server address', email: 'Email', password: 'Password' };

/** The typed errors a student can act on, in their words. */
function accountMessage(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  if (err.code === 'UNAUTHORIZED') return 'Wrong email or password.';
  if (err.code === 'UNAVAILABLE') return `The platform cannot be reached right now (${err.message}). Check the address and your connection, then try again.`;
  return undefined;
}

function SignInForm({ status, onStatus }: { status: SyncStatus; onStatus(s: SyncStatus): void }) {
  const [values, setValues] = useState({ server_url: status.server_url ?? '', email: status.email ?? '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<SignInField>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: SignInField, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const next = await call('account.signIn', { server_url: values.server_url.trim(), email: values.email.trim(), password: values.password });
      setValues((v) => ({ ...v, password: '' }));
      setErrors({});
      onStatus(next);
      toast.success(`Signed in as ${next.email ?? values.email}`);
    } catch (err) {
      const friendly = accountMessage(err);
      setErrors(friendly ? { form: friendly } : fieldErrorsFrom(err, SIGN_IN_FIELDS, SIGN_IN_LABELS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack sign-in" onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in to sync">
      <div className="settings-grid">
        <Field label="Server address" error={errors.server_url} hint="e.g. https://study.example.edu">
          {(p) => <input {...p} type="url" value={values.server_url} onChange={(e) => set('server_url', e.target.value)} autoComplete="url" />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(p) => <input {...p} type="email" value={values.email} onChange={(e) => set('email', e.target.value)} autoComplete="username" />}
        </Field>
        <Field label="Password" error={errors.password}>
          {(p) => <input {...p} type="password" value={values.password} onChange={(e) => set('password', e.target.value)} autoComplete="current-password" />}
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <FormError message={errors.form} />
      </div>
    </form>
  );
}

function StatusFacts({ status }: { status: SyncStatus }) {
  return (
    <dl className="sync-facts">
      {status.signed_in && (
        <div>
          <dt>Account</dt>
          <dd>
            {status.email} <span className="muted">on {status.server_url}</span>
          </dd>
        </div>
      )}
      <div>
        <dt>Waiting to send</dt>
        <dd data-testid="sync-pending">{status.pending} {status.pending === 1 ? 'change' : 'changes'}</dd>
      </div>
      <div>
        <dt>Last synced</dt>
        <dd>{status.last_synced_at ? dateTime(status.last_synced_at) : 'Never'}</dd>
      </div>
      {status.signed_in && status.provisional_points > 0 && (
        <div>
          <dt>Points not yet confirmed</dt>
          <dd>{status.provisional_points} <span className="muted">(the platform confirms them when they arrive)</span></dd>
        </div>
      )}
      {status.signed_in && status.next_attempt_at && (
        <div>
          <dt>Next try</dt>
          <dd>{dateTime(status.next_attempt_at)}</dd>
        </div>
      )}
      {status.last_error && (
        <div>
          <dt>Last error</dt>
          <dd className="sync-error">{status.last_error}</dd>
        </div>
      )}
    </dl>
  );
}

export function SyncSection() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [syncing, setSyncing] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const load = () => {
    setLoadError(null);
    call('sync.status', {}).then(setStatus, setLoadError);
  };
  useEffect(() => {
    load();
    // The engine reports every state change (a push finished, the network went away): live, no polling.
    return api.onEvent('sync.changed', setStatus);
  }, []);

  async function syncNow() {
    setSyncing(true);
    try {
      const out = await call('sync.now', {});
      setStatus(out.status);
      if (out.status.state === 'synced') toast.success(`Synced: sent ${out.pushed}, received ${out.pulled}`);
      else if (out.status.state === 'signed_out') toast.info('Sign in to sync with the study platform.');
      else toast.info(`${STATE_TEXT[out.status.state].label}: ${out.status.last_error ?? STATE_TEXT[out.status.state].help}`);
    } catch (err) {
      toast.error(err);
    } finally {
      setSyncing(false);
    }
  }

  async function signOut() {
    setSigningOut(true);
    try {
      const out = await call('account.signOut', {});
      setStatus(out.status);
      toast.success('Signed out. Your data stays on this device.');
    } catch (err) {
      toast.error(err);
    } finally {
      setSigningOut(false);
    }
  }

  const text = status ? STATE_TEXT[status.state] : null;
  return (
    <section className="card stack" aria-labelledby="settings-sync">
      <div className="row section-head">
        <h2 id="settings-sync">Sync</h2>
        <div className="row">
          <button type="button" className="btn" onClick={() => void syncNow()} disabled={syncing || !status} aria-busy={syncing}>
            Sync now
          </button>
          {status?.signed_in && (
            <button type="button" className="btn" onClick={() => void signOut()} disabled={signingOut}>
              Sign out
            </button>
          )}
        </div>
      </div>
      {!status && (loadError ? <ErrorBox error={loadError} retry={load} /> : <Loading label="Loading sync status…" />)}
      {status && text && (
        <>
          <p className="sync-state" role="status">
            <span className={`badge badge-${text.tone}`} data-testid="sync-state">{text.label}</span> <span className="muted">{text.help}</span>
          </p>
          <StatusFacts status={status} />
          {(!status.signed_in || status.state === 'sign_in_needed') && <SignInForm status={status} onStatus={setStatus} />}
        </>
      )}
    </section>
  );
}
