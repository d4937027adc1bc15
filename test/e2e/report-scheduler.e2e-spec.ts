import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { addDays } from '@pipeline/domain/reports/report-date.js';
import { freePort, repoRoot, runCli, startProcess, stopProcess, waitFor } from '@pipeline/testing/cli/run-cli.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';

describeWithRealPostgres('the daily report scheduler inside npm start', (pg) => {
  let dataDir: string;
  let datasetsDir: string;
  let child: ChildProcess | undefined;
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = addDays(today, -1);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'report-scheduler-'));
    datasetsDir = await mkdtemp(join(tmpdir(), 'report-scheduler-contracts-'));
    await copyFile(join(repoRoot, 'datasets/orders.yaml'), join(datasetsDir, 'orders.yaml'));
  });
  afterAll(async () => {
    if (child) await stopProcess(child);
    await rm(dataDir, { recursive: true, force: true });
    await rm(datasetsDir, { recursive: true, force: true });
  });

  it('announces the next run, and after downtime catches up the missed day once', async () => {
    const env = {
      DATA_DIR: dataDir,
      DATASETS_DIR: datasetsDir,
      DATABASE_URL: pg.url,
      PORT: String(await freePort()),
      DAILY_REPORT_TIME_UTC: '00:00',
    };
    // A report from two days ago says the scheduler ran before; yesterday's is missing.
    expect((await runCli(['report', '--date', addDays(today, -2), '--no-deliver'], env)).code).toBe(0);
    const started = await startProcess('dist/apps/processor/src/main.js', env, /daily report\s+00:00 UTC, next/, 90_000);
    child = started.child;
    expect(started.output()).toContain(`next ${addDays(today, 1)}T00:00:00.000Z`);
    await waitFor(async () => /daily report \d{4}-\d{2}-\d{2} generated/.test(started.output()), 60_000, 'the catch-up report');
    expect(started.output()).toContain(`catching up: no report for ${yesterday} yet`);
    expect(started.output()).toContain(`daily report ${yesterday} generated (version 1)`);
    expect((await stat(join(dataDir, 'objects/reports', yesterday, 'daily_report.html'))).size).toBeGreaterThan(1000);
  }, 180_000);
});
