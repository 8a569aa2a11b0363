import type { DataEntity } from '../../../shared/contract/events';
import type { Report } from '../../../shared/contract/reports';
import { useRouter, navigate } from '../app/router';
import { PageHeader } from '../components/PageHeader';
import { ReportActions } from '../components/reports/ReportActions';
import { ReportCharts } from '../components/reports/ReportCharts';
import { ReportDetails } from '../components/reports/ReportDetails';
import { ReportSummary } from '../components/reports/ReportSummary';
import { ReportToolbar } from '../components/reports/ReportToolbar';
import { periodFromQuery, periodQuery, periodRange, type ReportPeriod } from '../components/reports/period';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useChannel } from '../lib/useChannel';

const WATCH: DataEntity[] = ['sessions', 'activities', 'goals', 'classes', 'points', 'achievements', 'settings'];

/** The one report on screen: only the query for the current kind runs. */
function useReport(period: ReportPeriod) {
  const { kind, key } = period;
  const daily = useChannel('reports.daily', { date: key }, WATCH, { enabled: kind === 'daily' });
  const weekly = useChannel('reports.weekly', { week: key }, WATCH, { enabled: kind === 'weekly' });
  const monthly = useChannel('reports.monthly', { month: key }, WATCH, { enabled: kind === 'monthly' });
  const q = kind === 'daily' ? daily : kind === 'weekly' ? weekly : monthly;
  const data = q.data as Report | undefined;
  // A kept answer from an earlier period must not be shown as this one.
  const matches = data !== undefined && data.start_date === periodRange(period).start;
  return { report: matches ? data : undefined, stale: data !== undefined && !matches, error: q.error, loading: q.loading, reload: q.reload };
}

function ReportView({ today }: { today: string }) {
  const query = useRouter((s) => s.route.query);
  const period = periodFromQuery(query, today);
  const { start, end } = periodRange(period);
  const { report, error, loading, reload } = useReport(period);
  const go = (p: ReportPeriod) => navigate('reports', [], periodQuery(p));

  let body;
  if (report) {
    body =
      report.summary.sessions_count === 0 ? (
        <Empty title="No study recorded in this period">
          <p className="muted">Sessions you time or add by hand show up here.</p>
        </Empty>
      ) : (
        <>
          <ReportCharts report={report} kind={period.kind} />
          <ReportDetails report={report} kind={period.kind} />
        </>
      );
  } else if (error && !loading) {
    body = <ErrorBox error={error} retry={reload} />;
  } else {
    body = <Loading label="Loading the report…" />;
  }

  return (
    <>
      <PageHeader title="Reports">
        <ReportActions start={start} end={end} disabled={!report} />
      </PageHeader>
      <section className="report stack" aria-busy={loading} aria-label="Report">
        <ReportToolbar period={period} today={today} onChange={go} />
        {report && <ReportSummary report={report} kind={period.kind} />}
        {body}
      </section>
    </>
  );
}

export default function ReportsPage() {
  // Today's study day as the core counts it (zone and rollover hour), not the browser's date.
  const today = useChannel('points.summary', {}, ['sessions', 'settings']);
  if (today.data) return <ReportView today={today.data.today} />;
  return (
    <>
      <PageHeader title="Reports" />
      {today.error ? <ErrorBox error={today.error} retry={today.reload} /> : <Loading />}
    </>
  );
}
