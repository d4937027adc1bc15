import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describeWithChromium, inspectHtmlFile, launchChromium, type PageInspection } from '@pipeline/testing/browser/chromium.js';
import { repoRoot, runCli } from '@pipeline/testing/cli/run-cli.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';

const XSS = '<script>alert(1)</script>';
const ARTIFACTS = join(repoRoot, 'test-artifacts/reports');

describeWithRealPostgres('the daily report HTML in headless Chromium', (pg) => {
  describeWithChromium('report page', () => {
    let dataDir: string;
    let datasetsDir: string;
    let browser: Browser;
    let htmlPath: string;
    const env = () => ({ DATA_DIR: dataDir, DATASETS_DIR: datasetsDir, DATABASE_URL: pg.url });
    const today = new Date().toISOString().slice(0, 10);

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'report-html-'));
      datasetsDir = await mkdtemp(join(tmpdir(), 'report-html-contracts-'));
      await copyFile(join(repoRoot, 'datasets/orders.yaml'), join(datasetsDir, 'orders.yaml'));
      const sample = await readFile(join(repoRoot, 'samples/orders.csv'), 'utf8');
      // A record value that would be markup if the report did not escape it: the first record the status rule
      // quarantines, so its message is the example the report quotes.
      const [header, ...rows] = sample.trimEnd().split('\n');
      await writeFile(
        join(dataDir, 'orders-xss.csv'),
        [header, `2001,x@example.com,2026-11-20T09:15:00Z,${XSS},1,1.00,PT`, ...rows].join('\n') + '\n',
      );
      const ingest = await runCli(['ingest', join(dataDir, 'orders-xss.csv'), '--dataset', 'orders'], env());
      expect(ingest.code).toBe(0);
      const report = await runCli(['report', '--date', today], env());
      expect(report.code).toBe(0);
      htmlPath = join(dataDir, 'objects/reports', today, 'daily_report.html');
      browser = await launchChromium();
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(datasetsDir, { recursive: true, force: true });
    });

    const views: [string, { width: number; height: number }][] = [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ];

    describe.each(views)('at %s size', (name, viewport) => {
      let page: PageInspection;
      beforeAll(async () => {
        page = await inspectHtmlFile(browser, htmlPath, { screenshot: join(ARTIFACTS, `daily_report-${name}.png`), viewport });
      }, 60_000);

      it('loads with no console errors, no network requests and no dialogs', () => {
        expect(page.consoleErrors).toEqual([]);
        expect(page.requests).toEqual([]);
        expect(page.dialogs).toEqual([]);
      });

      it('draws every chart with a non-zero size', () => {
        // 4 alarm strips + 3 charts for all datasets + 3 for orders.
        expect(page.charts).toHaveLength(10);
        for (const chart of page.charts) {
          expect(chart.width).toBeGreaterThan(0);
          expect(chart.height).toBeGreaterThan(0);
        }
      });

      it('shows a record value of <script>alert(1)</script> as text, with no script element on the page', () => {
        expect(page.text).toContain(XSS);
        expect(page.scriptElements).toBe(0);
      });

      it('fits the width: nothing makes the page scroll sideways', () => {
        expect(page.horizontalOverflow).toBe(0);
      });

      it('shows the day’s numbers', () => {
        expect(page.text).toContain(`Daily pipeline report — ${today}`);
        expect(page.text).toMatch(/Records in\s+21\b/);
      });
    });
  });
});
