import { Injectable } from '@nestjs/common';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { ReportRenderer } from '@pipeline/domain/ports/report-renderer.js';
import type { DailyReport } from '@pipeline/domain/reports/daily-report.js';
import { reportArtefactKeys } from '@pipeline/domain/reports/report-history-entry.js';

/** Renders the report and writes both artefacts, replacing any earlier version of the day. */
@Injectable()
export class ReportArtefactWriter {
  constructor(
    private readonly store: ObjectStore,
    private readonly renderer: ReportRenderer,
  ) {}

  async write(report: DailyReport): Promise<string[]> {
    const keys = reportArtefactKeys(report.date);
    const meta = { 'report-date': report.date, 'report-version': String(report.version) };
    // JSON first: whoever sees the new HTML can already read the numbers behind it.
    await this.store.put(keys.json, JSON.stringify(report, null, 2) + '\n', {
      contentType: 'application/json; charset=utf-8',
      metadata: meta,
    });
    await this.store.put(keys.html, this.renderer.renderHtml(report), { contentType: 'text/html; charset=utf-8', metadata: meta });
    return [keys.html, keys.json];
  }
}
