import { Chart } from 'chart.js';
import { useEffect, useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract/channels';
import { call } from '../../lib/call';
import { toast } from '../../stores/toasts';
import { downloadText, extensionFor, safeFileName } from './download';

type ExportKind = ChannelInput<'reports.export'>['kind'];
type ExportFormat = ChannelInput<'reports.export'>['format'];

interface ExportJob {
  kind: ExportKind;
  format: ExportFormat;
  label: string;
  /** What the exported rows are called in the toast. */
  noun: string;
}

const JOBS: ExportJob[] = [
  { kind: 'sessions', format: 'csv', label: 'Export CSV', noun: 'sessions' },
  { kind: 'activities', format: 'csv', label: 'Export activities CSV', noun: 'activities' },
  { kind: 'report', format: 'json', label: 'Export JSON', noun: 'report' },
];

/**
 * Charts draw on canvases sized for the screen; resizing them around printing makes the PDF use
 * the print layout's width instead of a stretched bitmap.
 * https://www.chartjs.org/docs/latest/general/responsive.html#printing-resizable-charts
 */
function usePrintResize(): void {
  useEffect(() => {
    const resize = () => {
      for (const chart of Object.values(Chart.instances)) chart.resize();
    };
    // beforeprint fires before the print layout exists in some engines; the print media query
    // changes once it does, so listen to both.
    const print = globalThis.matchMedia?.('print');
    globalThis.addEventListener('beforeprint', resize);
    globalThis.addEventListener('afterprint', resize);
    print?.addEventListener('change', resize);
    return () => {
      globalThis.removeEventListener('beforeprint', resize);
      globalThis.removeEventListener('afterprint', resize);
      print?.removeEventListener('change', resize);
    };
  }, []);
}

/** Export CSV / JSON of the period on screen, and Print (the print stylesheet makes a clean PDF). */
export function ReportActions({ start, end, disabled }: { start: string; end: string; disabled?: boolean }) {
  const [running, setRunning] = useState<ExportJob | null>(null);
  usePrintResize();

  async function run(job: ExportJob) {
    setRunning(job);
    try {
      const out = await call('reports.export', { kind: job.kind, format: job.format, start_date: start, end_date: end });
      const name = safeFileName(out.file_name, extensionFor(out.mime_type), `study-desk-${job.kind}-${start}-to-${end}`);
      downloadText(out.content, name, out.mime_type);
      toast.success(job.kind === 'report' ? `Saved the report as ${name}` : `Saved ${out.row_count} ${job.noun} as ${name}`);
    } catch (err) {
      toast.error(err);
    } finally {
      setRunning(null);
    }
  }

  return (
    <div className="row report-actions no-print">
      {JOBS.map((job) => (
        <button key={job.label} type="button" className="btn" disabled={disabled || running !== null} onClick={() => void run(job)}
          aria-busy={running === job}>
          {job.label}
        </button>
      ))}
      <button type="button" className="btn" onClick={() => globalThis.print()}>
        Print
      </button>
      <span role="status" aria-live="polite" className="report-progress">
        {running && (
          <>
            <span className="spinner" aria-hidden="true" /> Preparing {running.noun}…
          </>
        )}
      </span>
    </div>
  );
}
