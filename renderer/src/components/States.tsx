import type { ReactNode } from 'react';
import { errorMessage } from '../lib/call';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{errorMessage(error)}</p>
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Shows loading / error / the content, for a useChannel query. */
export function Query<T>({ q, children, loading }: { q: { data: T | undefined; error: unknown; reload(): void }; children: (data: T) => ReactNode; loading?: string }) {
  if (q.data !== undefined) return <>{children(q.data)}</>;
  if (q.error) return <ErrorBox error={q.error} retry={q.reload} />;
  return <Loading label={loading} />;
}
