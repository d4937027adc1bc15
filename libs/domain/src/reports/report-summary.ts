import type { AlarmName, AlarmState, DailyReport, VolumeAnomaly } from './daily-report.js';

/** The headline numbers: stored in ReportGenerated, sent to subscribers, kept in the report history. */
export interface ReportSummary {
  readonly date: string;
  readonly version: number;
  readonly generatedAt: string;
  readonly datasets: number;
  readonly ingestions: { readonly started: number; readonly completed: number; readonly rejected: number; readonly deadLettered: number };
  readonly records: {
    readonly in: number;
    readonly valid: number;
    readonly warned: number;
    readonly quarantined: number;
    readonly rejected: number;
  };
  readonly alarms: Readonly<Record<AlarmName, AlarmState>>;
  readonly volumeAnomalies: readonly { readonly dataset: string; readonly anomaly: VolumeAnomaly }[];
  readonly latencyP99Ms: number | null;
  readonly deadLetterDepth: number;
}

export function summarizeReport(report: DailyReport): ReportSummary {
  const { ingestions: i, records: r } = report.total;
  return {
    date: report.date,
    version: report.version,
    generatedAt: report.generatedAt,
    datasets: report.datasets.length,
    ingestions: { started: i.started, completed: i.completed, rejected: i.rejected, deadLettered: i.deadLettered },
    records: { in: r.in, valid: r.valid, warned: r.warned, quarantined: r.quarantined, rejected: r.rejected },
    alarms: Object.fromEntries(report.alarms.map((a) => [a.name, a.state])) as Record<AlarmName, AlarmState>,
    volumeAnomalies: report.datasets
      .filter((d) => d.volume.anomaly === 'HIGH' || d.volume.anomaly === 'LOW')
      .map((d) => ({ dataset: d.dataset ?? '', anomaly: d.volume.anomaly })),
    latencyP99Ms: report.total.latency.p99Ms,
    deadLetterDepth: report.deadLetters.depthAtReportTime,
  };
}

const n = (value: number): string => value.toLocaleString('en-US');

/** One line for an e-mail subject or an SNS subject (SNS allows 100 characters). */
export function summarySubject(s: ReportSummary): string {
  const alarms = Object.values(s.alarms).filter((state) => state === 'ALARM').length;
  const tail = alarms ? `, ${alarms} alarm${alarms > 1 ? 's' : ''}` : '';
  return `Daily report ${s.date}: ${n(s.records.in)} records${tail}`.slice(0, 100);
}

/** The plain-text version sent by e-mail and SNS. */
export function summaryText(s: ReportSummary, links: { readonly html: string; readonly json: string }): string {
  const alarmLines = Object.entries(s.alarms).map(([name, state]) => `  ${name.padEnd(16)} ${state}`);
  const anomalies = s.volumeAnomalies.map((a) => `  ${a.dataset}: volume ${a.anomaly}`);
  return [
    `Daily report for ${s.date} (UTC), version ${s.version}, generated ${s.generatedAt}`,
    '',
    `Ingestions: ${n(s.ingestions.started)} started, ${n(s.ingestions.completed)} completed, ${n(s.ingestions.rejected)} rejected, ${n(s.ingestions.deadLettered)} dead-lettered`,
    `Records: ${n(s.records.in)} in, ${n(s.records.valid)} valid, ${n(s.records.warned)} warned, ${n(s.records.quarantined)} quarantined, ${n(s.records.rejected)} in rejected inputs`,
    `Processing p99: ${s.latencyP99Ms === null ? '-' : `${n(Math.round(s.latencyP99Ms))} ms`}; dead letters now: ${n(s.deadLetterDepth)}`,
    '',
    'Alarms:',
    ...alarmLines,
    ...(anomalies.length ? ['', 'Volume anomalies:', ...anomalies] : []),
    '',
    `Report: ${links.html}`,
    `Data:   ${links.json}`,
  ].join('\n');
}
