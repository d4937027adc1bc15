// Runs inside a fresh node process prepared like a Lambda container (see local-invoker.ts):
// imports the handler module named by _HANDLER from LAMBDA_TASK_ROOT, serves one event and
// exits at once, as a frozen Lambda would. argv: <payload file> <response file> <timings file>.
// Exit 0: the handler returned; 3: it threw (the response holds Lambda's error shape).
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTION_ERROR_EXIT } from './lambda-functions.js';

type Handler = (event: unknown, context: object) => Promise<unknown>;

const [payloadFile, responseFile, timingsFile] = process.argv.slice(2);
const timings: Record<string, number> = {};

/** Lambda's error payload; also what an unhandled rejection during init or invoke becomes. */
function fail(error: unknown): number {
  const e = error as Error | undefined;
  const response = { errorType: e?.name ?? 'Error', errorMessage: e?.message ?? String(error), trace: String(e?.stack ?? '').split('\n') };
  timings.processStartToResponseMs = performance.now();
  writeFileSync(responseFile, JSON.stringify(response));
  writeFileSync(timingsFile, JSON.stringify(timings));
  return FUNCTION_ERROR_EXIT;
}

for (const event of ['unhandledRejection', 'uncaughtException'] as const) process.on(event, (error: unknown) => process.exit(fail(error)));

async function main(): Promise<number> {
  const started = performance.now(); // ms since this process began
  timings.processStartToRunnerMs = started;
  const [moduleName, exportName] = (process.env._HANDLER ?? 'index.handler').split('.');
  const file = join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), `${moduleName}.mjs`);
  try {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    timings.importMs = performance.now() - started;
    const handler = module[exportName];
    if (typeof handler !== 'function') throw new TypeError(`${moduleName}.mjs does not export a function named ${exportName}`);
    const invokeStarted = performance.now();
    const response = await (handler as Handler)(JSON.parse(readFileSync(payloadFile, 'utf8')), lambdaContext());
    timings.firstInvokeMs = performance.now() - invokeStarted;
    timings.processStartToResponseMs = performance.now();
    writeFileSync(responseFile, JSON.stringify(response ?? null));
    writeFileSync(timingsFile, JSON.stringify(timings));
    return 0;
  } catch (error) {
    return fail(error);
  }
}

function lambdaContext(): object {
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local';
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const deadline = Date.now() + Number(process.env.LAMBDA_TIMEOUT_SECONDS ?? 300) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`invoke-runner: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
