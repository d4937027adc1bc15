/**
 * The unfinished end of the text between chunks (a record cut by a chunk boundary).
 * Normally a few bytes, rescanned with the next chunk. A long record (a 5 MB quoted field)
 * is rescanned only each time the held text doubles, so it costs O(n) rather than O(n²);
 * the caller bounds it by checking `length` against its limit after each scan.
 */
export class CarryOver {
  private parts: string[] = [];
  private held = 0;
  private rescanAt = 0;

  constructor(private readonly limit: number) {}

  get length(): number {
    return this.held;
  }

  /** Adds a chunk; returns the text to scan now, or undefined while a long record keeps growing. */
  add(chunk: string): string | undefined {
    this.parts.push(chunk);
    this.held += chunk.length;
    if (this.held < this.rescanAt && this.held <= this.limit) return undefined;
    return this.take();
  }

  /** Keeps what a scan could not consume. */
  keep(tail: string): void {
    this.parts = tail.length > 0 ? [tail] : [];
    this.held = tail.length;
    this.rescanAt = tail.length >= 64 * 1024 ? tail.length * 2 : 0;
  }

  /** Everything held (at the end of the input). */
  take(): string {
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.held = 0;
    return text;
  }
}
