import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { isPlainJsonBody, JsonBodyError, readJsonBody } from './json-body.js';

/** A request body stream with headers: what readJsonBody reads of an IncomingMessage. */
function requestWith(headers: Record<string, string>, ...chunks: (string | Buffer)[]): IncomingMessage & PassThrough {
  const stream = Object.assign(new PassThrough(), { headers }) as unknown as IncomingMessage & PassThrough;
  setImmediate(() => {
    for (const chunk of chunks) stream.write(Buffer.from(chunk));
    stream.end();
  });
  return stream;
}

async function failure(promise: Promise<unknown>): Promise<{ type: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(JsonBodyError);
    return { type: (error as JsonBodyError).type, status: (error as JsonBodyError).status };
  }
  throw new Error('expected the body to be refused');
}

describe('isPlainJsonBody (which GraphQL POSTs take the direct path)', () => {
  it.each([
    ['application/json', undefined, true],
    ['Application/JSON; charset=UTF-8', undefined, true],
    ['application/json;charset="utf-8"', 'identity', true],
    ['application/json; charset=latin1', undefined, false],
    ['application/json; boundary=x', undefined, false],
    ['application/graphql-response+json', undefined, false],
    ['text/plain', undefined, false],
    ['application/json', 'gzip', false],
  ])('%s with content-encoding %s: %s', (type, encoding, expected) => {
    const headers: Record<string, string> = { 'content-type': type, ...(encoding ? { 'content-encoding': encoding } : {}) };
    expect(isPlainJsonBody({ headers } as unknown as IncomingMessage)).toBe(expected);
  });

  it('is false without a content type', () => {
    expect(isPlainJsonBody({ headers: {} } as unknown as IncomingMessage)).toBe(false);
  });
});

describe('readJsonBody (express.json() rules, strict)', () => {
  it('parses an object or an array, across chunks, with or without a BOM', async () => {
    expect(await readJsonBody(requestWith({}, '{"query":', ' "{ a }"}'), 100)).toEqual({ query: '{ a }' });
    expect(await readJsonBody(requestWith({}, ' \n[1, 2]'), 100)).toEqual([1, 2]);
    expect(await readJsonBody(requestWith({}, '\ufeff{"a":1}'), 100)).toEqual({ a: 1 });
    const utf8 = Buffer.from('{"e":"ééé"}');
    // a character split between two chunks is decoded once the body is whole
    expect(await readJsonBody(requestWith({}, utf8.subarray(0, 7), utf8.subarray(7)), 100)).toEqual({ e: 'ééé' });
  });

  it('reads an empty body as {}', async () => {
    expect(await readJsonBody(requestWith({}), 100)).toEqual({});
  });

  it.each(['1', '"text"', 'null', '   ', '{"a": ', '{"a":1}x'])('refuses %j as not valid JSON (400)', async (body) => {
    expect(await failure(readJsonBody(requestWith({}, body), 100))).toEqual({ type: 'entity.parse.failed', status: 400 });
  });

  it('refuses a body over the limit, by its declared length or as it arrives (413)', async () => {
    expect(await failure(readJsonBody(requestWith({ 'content-length': '101' }, '{}'), 100))).toEqual({
      type: 'entity.too.large',
      status: 413,
    });
    expect(await failure(readJsonBody(requestWith({}, `{"a":"${'x'.repeat(60)}`, `${'y'.repeat(60)}"}`), 100))).toEqual({
      type: 'entity.too.large',
      status: 413,
    });
    expect(await readJsonBody(requestWith({}, `{"a":"${'x'.repeat(92)}"}`), 100)).toEqual({ a: 'x'.repeat(92) });
  });

  it('refuses a body whose client went away (400)', async () => {
    const req = Object.assign(new PassThrough(), { headers: {} }) as unknown as IncomingMessage & PassThrough;
    const reading = readJsonBody(req, 100);
    req.write('{"a":');
    req.emit('aborted');
    expect(await failure(reading)).toEqual({ type: 'request.aborted', status: 400 });
  });
});
