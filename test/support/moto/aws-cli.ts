import { spawn } from 'node:child_process';

/**
 * The real `aws` CLI against the emulator (`aws --endpoint-url … <args>`), as a user types it.
 * Resolves with stdout; rejects with stderr when it exits non-zero.
 */
export function awsCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('aws', ['--endpoint-url', env.AWS_ENDPOINT_URL, '--region', env.AWS_REGION ?? 'us-east-1', ...args], {
      env: { ...process.env, ...env, AWS_PAGER: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`aws ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/** `export NAME='value'` lines (what `pipeline aws provision` prints) as an environment. */
export function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)='((?:[^']|'\\'')*)'$/.exec(line.trim());
    if (match) env[match[1]] = match[2].replace(/'\\''/g, "'");
  }
  return env;
}
