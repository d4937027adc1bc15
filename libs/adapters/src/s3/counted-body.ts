import { Readable, Transform } from 'node:stream';

export interface CountedBody {
  readonly body: Readable | Buffer | string;
  /** Bytes that went through (the whole size once the upload is done). */
  bytes(): number;
  /** The error the caller's input stream failed with, if it did. */
  failure(): Error | undefined;
}

/**
 * Counts a body's bytes as the upload reads it (S3's upload result does not say the size) and
 * remembers whether the caller's stream itself failed, so that failure keeps its own message.
 */
export function countedBody(body: Readable | Buffer | string): CountedBody {
  if (!(body instanceof Readable)) {
    const size = Buffer.byteLength(body);
    return { body, bytes: () => size, failure: () => undefined };
  }
  let bytes = 0;
  let failure: Error | undefined;
  const counter = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      bytes += Buffer.byteLength(chunk);
      done(null, chunk);
    },
  });
  body.once('error', (error: Error) => {
    failure = error;
    counter.destroy(error);
  });
  body.pipe(counter);
  return { body: counter, bytes: () => bytes, failure: () => failure };
}
