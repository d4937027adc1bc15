#!/usr/bin/env node
// `npm test`: every suite. Starts the services the suites need when their binaries are on the
// machine (a throwaway PostgreSQL unless DATABASE_URL is set), says which suites it skips when
// not, and — with CI=true — fails instead of skipping. Extra arguments go to jest.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true';
const env = { ...process.env };
const cleanups = [];
const say = (m) => process.stderr.write(`[npm test] ${m}\n`);

function startPostgres() {
  if (env.DATABASE_URL) return say(`real PostgreSQL: using DATABASE_URL (${env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')})`);
  const bin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
  if (!existsSync(join(bin, 'initdb'))) {
    const msg = `no PostgreSQL server binaries in ${bin} and no DATABASE_URL: the real-PostgreSQL suites will be skipped`;
    if (ci) throw new Error(`${msg} — not allowed with CI=true`);
    return say(msg);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-test-pg-'));
  chmodSync(dir, 0o755);
  const url = execFileSync(join(root, 'scripts/test-postgres.sh'), ['start', join(dir, 'pg')], { encoding: 'utf8' }).trim();
  env.DATABASE_URL = url;
  say(`real PostgreSQL: started a throwaway server at ${url}`);
  cleanups.push(() => {
    execFileSync(join(root, 'scripts/test-postgres.sh'), ['stop', join(dir, 'pg')]);
    rmSync(dir, { recursive: true, force: true });
  });
}

// The aws suites start their own moto_server per test file (test/support/moto), on 127.0.0.1 and a
// free port, and stop it afterwards; MOTO_URL, when set, points them all at one running emulator.
function checkMoto() {
  if (env.MOTO_URL) return say(`AWS emulator: using MOTO_URL (${env.MOTO_URL})`);
  const found = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return say(`AWS emulator: ${found.stdout.trim()} (one per aws test file)`);
  const msg = 'moto_server is not on PATH and MOTO_URL is unset: the aws-mode suites will be skipped';
  if (ci) throw new Error(`${msg} — not allowed with CI=true`);
  say(msg);
}

async function runJest() {
  const results = join(tmpdir(), `jest-results-${process.pid}.json`);
  const args = ['--experimental-vm-modules', '--no-warnings', join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
  // Async, so an interrupt reaches jest and the throwaway servers are still stopped afterwards.
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const status = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  const run = { status };
  let summary = null;
  try {
    const r = JSON.parse(readFileSync(results, 'utf8'));
    summary = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, suitesFailed: r.numFailedTestSuites };
    rmSync(results, { force: true });
  } catch {
    // jest died before writing results; the exit code says so
  }
  return { code: run.status ?? 1, summary };
}

let code = 1;
try {
  startPostgres();
  checkMoto();
  // The end-to-end suites run the real `pipeline` command from dist/.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const { code: jestCode, summary } = await runJest();
  code = jestCode;
  if (summary) {
    if (summary.suitesFailed > 0 && summary.failed === 0) say(`${summary.suitesFailed} suite(s) failed to run`);
    process.stdout.write(`\n${summary.passed} passed, ${summary.failed + (summary.suitesFailed && !summary.failed ? summary.suitesFailed : 0)} failed, ${summary.skipped} skipped\n`);
    if (summary.passed === 0) code = code || 1;
  }
} catch (error) {
  say(error.message);
  code = 1;
} finally {
  for (const c of cleanups.reverse()) {
    try {
      c();
    } catch (e) {
      say(`cleanup failed: ${e.message}`);
    }
  }
}
process.exit(code);
