/**
 * The first bytes of a byte stream, read ahead for sniffing and then replayed in front of
 * the rest. Holds only what was asked for (plus one chunk), never the whole input.
 */
export class ByteHead {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  get bytes(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
  }

  /** True when the whole input fits in the head. */
  get complete(): boolean {
    return this.ended;
  }

  /** Reads ahead until at least `size` bytes are held, `stop` says enough, or the input ends. */
  async fill(size: number, stop: (latest: Buffer) => boolean = () => false): Promise<this> {
    while (this.length < size && !this.ended) {
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      const chunk = toBuffer(next.value);
      this.chunks.push(chunk);
      this.length += chunk.length;
      if (stop(chunk)) break;
    }
    return this;
  }

  /** The held bytes followed by the rest of the input; the source is released when iteration stops early. */
  async *replay(): AsyncGenerator<Buffer> {
    try {
      yield* this.chunks.splice(0);
      if (this.ended) return;
      for (let next = await this.source.next(); !next.done; next = await this.source.next()) yield toBuffer(next.value);
    } finally {
      await this.source.return?.();
    }
  }
}

// A stream with setEncoding() yields strings; everything downstream works on bytes.
function toBuffer(chunk: Buffer | string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
