import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through until more than `maxBytes` went by, then fails the stream (and says so in `exceeded`). */
export class ByteLimit extends Transform {
  exceeded = false;
  private seen = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) {
      this.exceeded = true;
      callback(new Error(`upload exceeds ${this.maxBytes} bytes`));
      return;
    }
    callback(null, chunk);
  }
}
