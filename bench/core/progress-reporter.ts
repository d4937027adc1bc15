/**
 * Progress on stderr, so stdout stays the table alone. On a terminal one line is rewritten in
 * place; in a log (CI, a pipe) a line is printed at most every few seconds.
 */
export class ProgressReporter {
  private lastAt = 0;
  private open = false;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly intervalMs = 5000) {}

  /** A throttled status line: `label: message (elapsed)`. */
  update(label: string, message: string, elapsedSeconds: number): void {
    const now = Date.now();
    const every = this.tty ? 200 : this.intervalMs;
    if (now - this.lastAt < every) return;
    this.lastAt = now;
    const line = `  ${label}: ${message} (${elapsedSeconds.toFixed(1)} s)`;
    if (this.tty) {
      process.stderr.write(`\r\x1b[K${line}`);
      this.open = true;
    } else process.stderr.write(`${line}\n`);
  }

  /** A permanent line (ends any in-place status line first). */
  say(message: string): void {
    this.clear();
    process.stderr.write(`[bench] ${message}\n`);
  }

  clear(): void {
    if (this.open) process.stderr.write('\r\x1b[K');
    this.open = false;
    this.lastAt = 0;
  }
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
