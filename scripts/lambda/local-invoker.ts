import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTION_ERROR_EXIT, LAMBDA_HANDLER } from './lambda-functions.js';
import { createSandbox } from './lambda-sandbox.js';

export interface LocalInvocation {
  readonly functionZip: string;
  /** Layers attached to the function (the native layer), unpacked under /opt as Lambda does. */
  readonly layerZips?: readonly string[];
  readonly payload: unknown;
  /** The function's configured environment (from Terraform / get-function-configuration). */
  readonly environment?: Readonly<Record<string, string>>;
  readonly functionName?: string;
  readonly timeoutSeconds?: number;
  /** Receives the function's own log output (stdout and stderr). */
  readonly onLog?: (text: string) => void;
}

export interface LocalInvocationResult {
  /** Handler returned (true) or threw (false, payload is Lambda's {errorType, errorMessage, trace}). */
  readonly ok: boolean;
  readonly payload: unknown;
  /** ms since the fresh process started: when the handler module was imported and the first response was ready. */
  readonly timings: { readonly importMs?: number; readonly firstInvokeMs?: number; readonly processStartToResponseMs?: number };
  readonly logs: string;
}

// Environment the Lambda Node.js runtime provides; the function's own variables come on top.
function runtimeEnvironment(name: string, taskRoot: string, nodePath: string, timeoutSeconds: number): Record<string, string> {
  return {
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: 'local',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_TIMEOUT_SECONDS: String(timeoutSeconds),
    _HANDLER: LAMBDA_HANDLER,
    NODE_PATH: nodePath,
    TZ: 'UTC',
  };
}

/**
 * Invokes a built Lambda package in a fresh `node` process laid out like a Lambda container:
 * what verify_deployment.sh, the tests and the cold-start benchmark use where Lambda itself
 * cannot run (moto executes functions only through Docker).
 */
export async function invokeLocally(invocation: LocalInvocation): Promise<LocalInvocationResult> {
  const sandbox = createSandbox(invocation.functionZip, invocation.layerZips);
  const io = mkdtempSync(join(tmpdir(), 'lambda-invoke-'));
  try {
    const files = { payload: join(io, 'payload.json'), response: join(io, 'response.json'), timings: join(io, 'timings.json') };
    writeFileSync(files.payload, JSON.stringify(invocation.payload));
    const name = invocation.functionName ?? 'local-function';
    const timeoutSeconds = invocation.timeoutSeconds ?? 300;
    const env = {
      ...passedThrough(process.env),
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      ...invocation.environment,
      ...runtimeEnvironment(name, sandbox.taskRoot, sandbox.nodePath, timeoutSeconds),
    };
    const { code, logs } = await runNode(
      [runnerPath(), files.payload, files.response, files.timings],
      env,
      sandbox.taskRoot,
      timeoutSeconds,
      invocation.onLog,
    );
    if ((code !== 0 && code !== FUNCTION_ERROR_EXIT) || !existsSync(files.response)) {
      // What Lambda reports when the process dies mid-init or mid-invoke (process.exit, abort, OOM).
      const payload = {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: local Error: Runtime exited with error: exit status ${code}`,
      };
      return { ok: false, payload, timings: {}, logs };
    }
    return {
      ok: code === 0,
      payload: JSON.parse(readFileSync(files.response, 'utf8')) as unknown,
      timings: JSON.parse(readFileSync(files.timings, 'utf8')) as LocalInvocationResult['timings'],
      logs,
    };
  } finally {
    rmSync(io, { recursive: true, force: true });
    sandbox.remove();
  }
}

/** Only what a Lambda container would also have: PATH, temp dir, locale and the AWS credentials/endpoint of this shell. */
function passedThrough(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept = Object.entries(env).filter(([key, value]) => value !== undefined && /^(PATH|HOME|TMPDIR|LANG|AWS_[A-Z_]+)$/.test(key));
  return Object.fromEntries(kept) as Record<string, string>;
}

/** invoke-runner.js beside this module's compiled form (dist/scripts/lambda/). */
function runnerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes('/dist/') ? join(here, 'invoke-runner.js') : join(here, '..', '..', 'dist', 'scripts', 'lambda', 'invoke-runner.js');
}

function runNode(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutSeconds: number,
  onLog?: (text: string) => void,
): Promise<{ code: number | null; logs: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let logs = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      logs += text;
      onLog?.(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), (timeoutSeconds + 5) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, logs });
    });
  });
}
