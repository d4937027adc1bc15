import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../cli/run-cli.js';

const SCRIPT = `
const [entry, event] = process.argv.slice(1);
const { handler } = await import(entry);
const context = { functionName: 'test', awsRequestId: 'test-request', getRemainingTimeInMillis: () => 300000 };
try {
  process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ ok: true, value: await handler(JSON.parse(event), context) }) + '\\n');
} catch (error) {
  process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ ok: false, error: String(error && error.message || error) }) + '\\n');
}
process.exit(0);
`;

/**
 * Invokes a compiled Lambda handler (dist/apps/<app>/src/lambda.js) once, in a fresh node process with
 * `env` — a cold container — and returns what it returned or the error it threw.
 */
export function invokeHandler(
  app: 'processor' | 'reporter',
  event: unknown,
  env: Readonly<Record<string, string>>,
): Promise<{ ok: boolean; value?: unknown; error?: string; logs: string }> {
  const entry = join(repoRoot, `dist/apps/${app}/src/lambda.js`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', '--input-type=module', '-e', SCRIPT, entry, JSON.stringify(event)], {
      env: { ...process.env, ...env },
      cwd: repoRoot,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const marker = stdout.lastIndexOf('@@RESULT@@');
      if (marker < 0) return reject(new Error(`${app} handler exited ${code} without a result:\n${stderr}\n${stdout.slice(-2000)}`));
      const result = JSON.parse(stdout.slice(marker + '@@RESULT@@'.length).split('\n')[0]) as {
        ok: boolean;
        value?: unknown;
        error?: string;
      };
      resolve({ ...result, logs: stdout.slice(0, marker) + stderr });
    });
  });
}
