/**
 * Output rules: results a script may capture go to stdout; progress, banners and errors go to
 * stderr, so `id=$(npx pipeline ingest f.csv --quiet)` works.
 */
export const out = (line = ''): void => void process.stdout.write(line + '\n');
export const info = (line = ''): void => void process.stderr.write(line + '\n');

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (c ?? '').padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A progress line redrawn in place on a terminal, printed every few seconds otherwise. */
export class ProgressLine {
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly tty = Boolean(process.stderr.isTTY);

  update(rows: number, bytes: number, totalBytes?: number): void {
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 200 : 5000)) return;
    this.lastDraw = now;
    const secs = Math.max((now - this.started) / 1000, 0.001);
    const pct = totalBytes ? ` (${Math.min(100, (100 * bytes) / totalBytes).toFixed(0)}%)` : '';
    const line = `  ${rows.toLocaleString('en-US')} rows, ${formatBytes(bytes)}${pct}, ${Math.round(rows / secs).toLocaleString('en-US')} rows/s`;
    if (this.tty) process.stderr.write(`\r${line}\x1b[K`);
    else info(line);
  }

  done(): void {
    if (this.tty && this.lastDraw) process.stderr.write('\n');
  }
}
