import { spawn } from 'node:child_process';
import { onAbort } from './exit-cleanup.js';
import { processTreeMemory } from './process-tree-rss.js';

export interface MeasuredRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Wall clock from spawn to exit. */
  readonly seconds: number;
  /** max(root VmHWM, largest sampled sum of the tree's VmRSS); null where /proc is missing. */
  readonly peakRssBytes: number | null;
  /** When the peak was first seen (within one sample), to tell which stage of a run needs the memory. */
  readonly peakAtSeconds: number | null;
  readonly stdout: string;
  /** The last 16 KiB: enough to say why a run failed. */
  readonly stderrTail: string;
}

export interface MeasureOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Every sample: seconds so far and the tree's current RSS (bytes, 0 when unknown). */
  readonly onSample?: (elapsedSeconds: number, rssBytes: number) => void;
  readonly onStderr?: (text: string) => void;
}

const SAMPLE_MS = 50;
const STDERR_TAIL = 16 * 1024;

/** Runs a command to completion, timing it and sampling its process tree's memory every 50 ms. */
export function runMeasured(command: string, args: readonly string[], options: MeasureOptions = {}): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    let peakAt: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL);
      options.onStderr?.(text);
    });
    const sample = () => {
      const memory = child.pid === undefined ? null : processTreeMemory(child.pid);
      const elapsed = (performance.now() - started) / 1000;
      const now = memory ? Math.max(memory.rssBytes, memory.rootPeakBytes) : 0;
      if (memory && now > (peak ?? 0)) [peak, peakAt] = [now, elapsed];
      options.onSample?.(elapsed, memory?.rssBytes ?? 0);
    };
    const timer = setInterval(sample, SAMPLE_MS);
    const forget = onAbort(() => child.kill('SIGKILL'));
    child.once('spawn', sample);
    child.once('error', (error) => {
      clearInterval(timer);
      forget();
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearInterval(timer);
      forget();
      resolve({
        exitCode,
        signal,
        seconds: (performance.now() - started) / 1000,
        peakRssBytes: peak,
        peakAtSeconds: peakAt,
        stdout,
        stderrTail: stderr,
      });
    });
  });
}
