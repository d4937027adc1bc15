import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readZip } from './zip-archive.js';

/** A function zip (and its layer) unpacked the way Lambda lays them out: /var/task and /opt. */
export interface LambdaSandbox {
  readonly dir: string;
  /** Where the function zip is unpacked (LAMBDA_TASK_ROOT, the working directory). */
  readonly taskRoot: string;
  /** NODE_PATH as Lambda sets it for Node.js: the layer's nodejs/node_modules among others. */
  readonly nodePath: string;
  remove(): void;
}

export function createSandbox(functionZip: string, layerZips: readonly string[] = []): LambdaSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-sandbox-'));
  const taskRoot = join(dir, 'task');
  const opt = join(dir, 'opt');
  unpack(functionZip, taskRoot);
  for (const layer of layerZips) unpack(layer, opt);
  const nodePath = [
    join(opt, 'nodejs', 'node22', 'node_modules'),
    join(opt, 'nodejs', 'node_modules'),
    taskRoot,
    join(taskRoot, 'node_modules'),
  ].join(':');
  return { dir, taskRoot, nodePath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function unpack(zipPath: string, into: string): void {
  for (const entry of readZip(readFileSync(zipPath))) {
    const target = join(into, entry.path);
    if (!target.startsWith(`${into}/`)) throw new Error(`${zipPath}: entry ${entry.path} escapes the sandbox`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data, { mode: entry.mode ?? 0o644 });
  }
}
