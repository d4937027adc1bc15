import type { IncomingMessage } from 'node:http';

/** A body problem, shaped like body-parser's errors so the API's early error handler answers it the same way. */
export class JsonBodyError extends Error {
  constructor(
    readonly type: 'entity.too.large' | 'entity.parse.failed' | 'request.aborted',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonBodyError';
  }
}

// `application/json`, with no parameter but charset=utf-8: exactly what express.json() reads as UTF-8 JSON.
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** A JSON body that needs no decoding beyond UTF-8: no other charset, no content encoding. */
export function isPlainJsonBody(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  const encoding = req.headers['content-encoding'];
  return type !== undefined && PLAIN_JSON.test(type) && (encoding === undefined || encoding.toLowerCase() === 'identity');
}

/**
 * Reads and parses a JSON body the way express.json() (strict) does: at most `limit` bytes (by
 * Content-Length up front, and as it arrives), an empty body is `{}`, a leading BOM is ignored,
 * and only an object or array is JSON.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return reject(tooLarge(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      try {
        resolve(parseStrictJson(Buffer.concat(chunks, size).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    };
    const onAborted = () => {
      stop();
      reject(new JsonBodyError('request.aborted', 400, 'request aborted'));
    };
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('error', onAborted);
      // What is left of a refused body is drained, so the connection can serve the next request.
      req.resume();
    };
    req.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('error', onAborted);
  });
}

const tooLarge = (limit: number) => new JsonBodyError('entity.too.large', 413, `request entity larger than ${limit} bytes`);

// body-parser's own test of the first significant character.
const FIRST_CHARACTER = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d])/;

function parseStrictJson(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = FIRST_CHARACTER.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw new JsonBodyError('entity.parse.failed', 400, 'request body is not a JSON object or array');
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new JsonBodyError('entity.parse.failed', 400, (error as Error).message);
  }
}
