import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import type { ReportHistoryEntry } from '@pipeline/domain/reports/report-history-entry.js';
import type { ReportSummary } from '@pipeline/domain/reports/report-summary.js';
import { toPortError } from '../postgres/postgres-errors.js';
import type { SqlDatabase } from '../postgres/sql-database.js';

interface ReportRow {
  report_date: string;
  version: number;
  generated_at: Date;
  artefact_keys: string[];
  summary: ReportSummary;
  delivered_to: string[];
  failed_deliveries: ReportHistoryEntry['failedDeliveries'];
  delivered_at: Date | null;
}

const COLUMNS = `to_char(report_date, 'YYYY-MM-DD') AS report_date, version, generated_at, artefact_keys, summary, delivered_to, failed_deliveries, delivered_at`;

/** The `reports` table: one row per generated version of a day. */
export class PostgresReportHistory extends ReportHistory {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async recordGenerated(e: ReportHistoryEntry): Promise<void> {
    await this.run(
      `INSERT INTO reports (report_date, version, generated_at, artefact_keys, summary, delivered_to, failed_deliveries, delivered_at)
       VALUES ($1::date, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb, $8) ON CONFLICT (report_date, version) DO NOTHING`,
      [
        e.date,
        e.version,
        e.generatedAt,
        JSON.stringify(e.artefactKeys),
        JSON.stringify(e.summary),
        JSON.stringify(e.deliveredTo),
        JSON.stringify(e.failedDeliveries),
        e.deliveredAt,
      ],
      `recording report ${e.date} v${e.version}`,
    );
  }

  async recordDelivery(date: string, version: number, d: Parameters<ReportHistory['recordDelivery']>[2]): Promise<void> {
    await this.run(
      `UPDATE reports SET delivered_to = $3::jsonb, failed_deliveries = $4::jsonb, delivered_at = $5 WHERE report_date = $1::date AND version = $2`,
      [date, version, JSON.stringify(d.deliveredTo), JSON.stringify(d.failedDeliveries), d.deliveredAt],
      `recording the delivery of report ${date} v${version}`,
    );
  }

  async get(date: string, version?: number): Promise<ReportHistoryEntry | null> {
    const rows = await this.run<ReportRow>(
      `SELECT ${COLUMNS} FROM reports WHERE report_date = $1::date AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [date, version ?? null],
      `reading report ${date}`,
    );
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async versions(date: string): Promise<ReportHistoryEntry[]> {
    const rows = await this.run<ReportRow>(
      `SELECT ${COLUMNS} FROM reports WHERE report_date = $1::date ORDER BY version DESC`,
      [date],
      `reading report ${date}`,
    );
    return rows.map(toEntry);
  }

  async list(from: string, to: string, limit: number): Promise<ReportHistoryEntry[]> {
    const rows = await this.run<ReportRow>(
      `SELECT DISTINCT ON (report_date) ${COLUMNS} FROM reports WHERE report_date BETWEEN $1::date AND $2::date
       ORDER BY report_date DESC, version DESC LIMIT $3`,
      [from, to, limit],
      'listing reports',
    );
    return rows.map(toEntry);
  }

  private async run<T>(sql: string, params: unknown[], doing: string): Promise<T[]> {
    try {
      return await this.db.query(sql, params);
    } catch (error) {
      throw toPortError(error, doing);
    }
  }
}

function toEntry(r: ReportRow): ReportHistoryEntry {
  return {
    date: r.report_date,
    version: r.version,
    generatedAt: r.generated_at.toISOString(),
    artefactKeys: r.artefact_keys,
    summary: r.summary,
    deliveredTo: r.delivered_to,
    failedDeliveries: r.failed_deliveries,
    deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null,
  };
}
