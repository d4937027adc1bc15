import { Transform, type TransformCallback } from 'node:stream';

/** Counts bytes flowing through, for progress output (rows, bytes, rows/s). */
export class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}
