import { useEffect, useState } from 'react';
import { hrefFor, navigate } from '../../app/router';
import { minutes } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { PageHeader } from '../PageHeader';
import { Empty, ErrorBox, Loading } from '../States';
import { useClasses, useStudyZone } from './lookups';
import { SessionFilters } from './SessionFilters';
import { SessionFormDialog } from './SessionFormDialog';
import { filtersFromQuery, listInput, PAGE_SIZE, queryFromFilters, rememberListQuery, type SessionFilterValues } from './session-filters';
import { SessionTable } from './SessionTable';

/** Years of study read better as whole hours: "6,030 h". */
const totalTime = (m: number) => (m >= 100 * 60 ? `${Math.round(m / 60).toLocaleString()} h` : minutes(m));

/** The history: filters, totals, one page of sessions at a time (years of data never load at once). */
export function SessionHistory({ query }: { query: Record<string, string> }) {
  const filters = filtersFromQuery(query);
  const classes = useClasses();
  const zone = useStudyZone();
  const [adding, setAdding] = useState(false);
  const queryKey = JSON.stringify(query);
  useEffect(() => rememberListQuery(JSON.parse(queryKey) as Record<string, string>), [queryKey]);
  const input = listInput(filters);
  const list = useChannel('sessions.list', input.input ?? {}, ['sessions', 'activities', 'classes'], { enabled: !input.error });

  const apply = (next: SessionFilterValues) => navigate('sessions', [], queryFromFilters(next));
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total_count / PAGE_SIZE)) : 1;
  const from = filters.page * PAGE_SIZE;
  const filtered = Boolean(filters.class_id || filters.from || filters.to);

  return (
    <>
      <PageHeader title="Sessions">
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          Add past session
        </button>
      </PageHeader>
      <div className="stack">
        <SessionFilters values={filters} classes={classes} error={input.error} onChange={apply} />
        <section className="sessions-totals" aria-label="Sessions summary">
          <div className="stat">
            <span className="stat-value">{data ? data.total_count.toLocaleString() : '—'}</span>
            <span className="stat-label">Sessions</span>
          </div>
          <div className="stat">
            <span className="stat-value">{data ? totalTime(data.total_minutes) : '—'}</span>
            <span className="stat-label">Study time</span>
          </div>
          <div className="stat">
            <span className="stat-value">{data ? data.total_points.toLocaleString() : '—'}</span>
            <span className="stat-label">Points for time</span>
          </div>
          <div className="stat">
            <span className="stat-value">{data && data.total_count ? minutes(data.avg_duration) : '—'}</span>
            <span className="stat-label">Average session</span>
          </div>
        </section>
        <div className="card">
          {input.error ? (
            <Empty title="Check the dates">The “From” date must be on or before the “To” date.</Empty>
          ) : data === undefined ? (
            list.error ? <ErrorBox error={list.error} retry={list.reload} /> : <Loading label="Loading sessions…" />
          ) : data.total_count === 0 ? (
            <Empty title={filtered ? 'No sessions match these filters' : 'No study sessions yet'}>
              {filtered ? (
                <button type="button" className="btn" onClick={() => apply({ class_id: '', from: '', to: '', page: 0 })}>
                  Clear filters
                </button>
              ) : (
                <p className="muted">
                  Start one on the <a href={hrefFor('focus')}>Focus page</a>, or add a past session by hand.
                </p>
              )}
            </Empty>
          ) : data.sessions.length === 0 ? (
            <Empty title="This page is past the last session">
              <button type="button" className="btn" onClick={() => apply({ ...filters, page: 0 })}>
                Go to the newest sessions
              </button>
            </Empty>
          ) : (
            <>
              <SessionTable sessions={data.sessions} busy={list.loading} />
              <nav className="pager" aria-label="Pages of sessions">
                <button type="button" className="btn" disabled={filters.page === 0} onClick={() => apply({ ...filters, page: filters.page - 1 })}>
                  Newer
                </button>
                <span className="muted" aria-live="polite">
                  {from + 1}–{Math.min(from + data.sessions.length, data.total_count)} of {data.total_count.toLocaleString()} · page {filters.page + 1} of{' '}
                  {pages.toLocaleString()}
                </span>
                <button type="button" className="btn" disabled={filters.page + 1 >= pages} onClick={() => apply({ ...filters, page: filters.page + 1 })}>
                  Older
                </button>
              </nav>
            </>
          )}
        </div>
      </div>
      {adding && (
        <SessionFormDialog
          zone={zone}
          onClose={() => setAdding(false)}
          onSaved={(session) => {
            setAdding(false);
            navigate('sessions', [session.id]);
          }}
        />
      )}
    </>
  );
}
