import { Readable } from 'node:stream';
import { Test } from '@nestjs/testing';
import { DecodeError } from '@pipeline/domain/errors.js';
import { RecordDecoder } from '@pipeline/domain/ports/record-decoder.js';
import { DecoderOptions } from './decoder-options.js';
import { decode, decodeFailure, gzip, streamOf } from './spec-harness.js';
import { StreamingRecordDecoder } from './streaming-record-decoder.js';

const csv = 'id,name\n1,Ann\n2,Zoë\n3,Bob\n';

describe('StreamingRecordDecoder', () => {
  describe('gzip', () => {
    it.each([
      ['named .gz', 'a.csv.gz'],
      ['gzip without .gz (magic bytes)', 'a.csv'],
    ])('gunzips %s', async (_label, name) => {
      const { records } = await decode(gzip(csv), name, { sizes: [5] });
      expect(records).toEqual([
        { id: '1', name: 'Ann' },
        { id: '2', name: 'Zoë' },
        { id: '3', name: 'Bob' },
      ]);
    });

    it('reads a .gz name holding plain text as plain text', async () => {
      expect((await decode(csv, 'a.csv.gz')).records).toHaveLength(3);
    });

    it('reads concatenated gzip members as one input', async () => {
      const twoMembers = Buffer.concat([gzip('id,name\n1,Ann\n'), gzip('2,Bob\n')]);
      expect((await decode(twoMembers, 'a.csv.gz')).records).toEqual([
        { id: '1', name: 'Ann' },
        { id: '2', name: 'Bob' },
      ]);
    });

    it('rejects a truncated gzip with GZIP_CORRUPT naming the file and the line reached', async () => {
      const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${(i * 7919) % 1000003}`).join('\n');
      const whole = gzip(`id,v\n${rows}\n`);
      const error = await decodeFailure(whole.subarray(0, Math.floor(whole.length * 0.6)), 'raw/t.csv.gz', { sizes: [4096] });
      expect(error.reason).toBe('GZIP_CORRUPT');
      expect(error.line).toBeGreaterThan(1000);
      expect(error.message).toMatch(/^raw\/t\.csv\.gz, line \d+: gzip data is truncated or corrupt \(unexpected end of file\)$/);
    });

    it('rejects corrupt gzip data with GZIP_CORRUPT', async () => {
      const bytes = Buffer.from(gzip(csv.repeat(50)));
      bytes.fill(0xff, 12, 40);
      const error = await decodeFailure(bytes, 'raw/c.csv.gz');
      expect(error.reason).toBe('GZIP_CORRUPT');
      expect(error.message).toMatch(/^raw\/c\.csv\.gz, line 1: gzip data is truncated or corrupt/);
    });
  });

  describe('inputs that are not text', () => {
    it.each([
      ['0 bytes', Buffer.alloc(0), 'a.csv'],
      ['whitespace only', ' \r\n\t\n', 'a.csv'],
      ['a BOM only', '\uFEFF', 'a.json'],
      ['a BOM and blank lines', '\uFEFF\n\n', 'a.ndjson'],
      ['gzip of nothing', gzip(''), 'a.csv.gz'],
    ])('%s → EMPTY_FILE', async (_label, input, name) => {
      const error = await decodeFailure(input, name);
      expect(error.reason).toBe('EMPTY_FILE');
      expect(error.message).toBe(`${name}: the file is empty (no bytes, or only whitespace)`);
    });

    it('rejects NUL bytes as BINARY_CONTENT with their line', async () => {
      const error = await decodeFailure(Buffer.concat([Buffer.from('id,name\n1,a\n'), Buffer.from([0x00, 0x01])]), 'raw/n.csv');
      expect(error.reason).toBe('BINARY_CONTENT');
      expect(error.message).toBe('raw/n.csv, line 3: binary content (NUL byte at byte 12); expected CSV, JSON or NDJSON text');
    });

    it('rejects many control characters as BINARY_CONTENT, even sniffed', async () => {
      const garbage = Buffer.from(Array.from({ length: 4000 }, (_, i) => [0x1b, 0x07, 0x41 + (i % 26), 0x7f][i % 4]));
      const error = await decodeFailure(garbage, 'raw/upload');
      expect(error.reason).toBe('BINARY_CONTENT');
      expect(error.message).toMatch(/^raw\/upload: binary content \(3000 control characters in the first 4000 bytes\)/);
    });

    it('rejects UTF-16 text, naming the encoding', async () => {
      const error = await decodeFailure(Buffer.from('\uFEFFid,name\n', 'utf16le'), 'raw/w.csv');
      expect(error.reason).toBe('INVALID_UTF8');
      expect(error.message).toBe('raw/w.csv, line 1: UTF-16 byte-order mark: only UTF-8 text is supported');
    });

    it('rejects a known binary extension with UNKNOWN_FORMAT before reading, and releases the input', async () => {
      const input = streamOf('PK\u0003\u0004');
      const error = await decodeFailure(input, 'raw/book.xlsx');
      expect(error.reason).toBe('UNKNOWN_FORMAT');
      expect(error.message).toMatch(/^raw\/book\.xlsx: unknown format "\.xlsx"; supported: /);
      expect(input.destroyed).toBe(true);
    });
  });

  describe('invalid UTF-8', () => {
    // Latin-1 "é" (0xE9) on physical line 5 (after a quoted line break); the chunk sizes move it across chunk boundaries.
    const latin1 = Buffer.concat([Buffer.from('id,name\n1,Zoë\n2,"multi\nline"\n3,Ren'), Buffer.from([0xe9]), Buffer.from('\n4,x\n')]);

    it.each([1, 2, 3, 7, 64, 100_000])('names line 5 in chunks of %i bytes', async (size) => {
      const error = await decodeFailure(latin1, 'raw/l.csv', { sizes: [size] });
      expect(error.reason).toBe('INVALID_UTF8');
      expect(error.message).toBe('raw/l.csv, line 5: invalid UTF-8 (byte 0xe9); the file must be UTF-8 encoded');
    });

    it.each([
      ['overlong encoding', [0xc0, 0x80], 2],
      ['UTF-16 surrogate', [0xed, 0xa0, 0x80], 2],
      ['lone continuation byte', [0x80], 2],
      ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 2],
    ])('rejects a %s', async (_label, bytes, line) => {
      const input = Buffer.concat([Buffer.from('a\nx'), Buffer.from(bytes), Buffer.from('\n')]);
      for (const size of [1, 2, input.length]) {
        const error = await decodeFailure(input, 'raw/u.csv', { sizes: [size] });
        expect({ size, reason: error.reason, line: error.line }).toEqual({ size, reason: 'INVALID_UTF8', line });
      }
    });

    it('rejects a file ending inside a multi-byte character', async () => {
      const input = Buffer.concat([Buffer.from('a\nb\n'), Buffer.from('🦊').subarray(0, 3)]);
      const error = await decodeFailure(input, 'raw/e.csv', { sizes: [2] });
      expect(error.reason).toBe('INVALID_UTF8');
      expect(error.message).toBe('raw/e.csv, line 3: invalid UTF-8: the file ends inside a multi-byte character (0xf0 0x9f 0xa6)');
    });
  });

  describe('streaming', () => {
    const rows = (n: number) => 'id\n' + Array.from({ length: n }, (_, i) => `${i + 1}\n`).join('');

    it('yields batches of the configured size', async () => {
      expect((await decode(rows(2500), 'a.csv')).batchSizes).toEqual([1000, 1000, 500]);
      expect((await decode(rows(10), 'a.csv', { decoder: { batchSize: 4 } })).batchSizes).toEqual([4, 4, 2]);
    });

    it.each([
      ['plain', (text: string) => Buffer.from(text)],
      ['gzipped', gzip],
    ])('destroys the %s input when the caller stops early', async (_label, encode) => {
      const input = streamOf(encode(rows(50_000)), [100]);
      for await (const batch of new StreamingRecordDecoder().decode(input, { name: 'a.csv' })) {
        expect(batch).toHaveLength(1000);
        break;
      }
      expect(input.destroyed).toBe(true);
    });

    it('passes errors of the input stream through unchanged (they may be transient)', async () => {
      async function* failing(): AsyncGenerator<Buffer> {
        yield Buffer.from('id\n1\n');
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      for (const body of [
        failing,
        async function* () {
          yield gzip('id\n1\n2\n').subarray(0, 12);
          yield* failing();
        },
      ]) {
        const error = await decode(Readable.from(body(), { objectMode: false }), 'a.csv').catch((e: unknown) => e);
        expect(error).not.toBeInstanceOf(DecodeError);
        expect(error).toMatchObject({ code: 'ECONNRESET' });
      }
    });

    it('accepts a stream that yields strings', async () => {
      const input = Readable.from(['id,name\n1,', 'Zoë\n'], { objectMode: true });
      expect((await decode(input, 'a.csv')).records).toEqual([{ id: '1', name: 'Zoë' }]);
    });

    it('reads the format forced by the source over the name', async () => {
      expect((await decode('{"a":1}\n', 'raw/a.csv', { format: 'ndjson' })).records).toEqual([{ a: 1 }]);
    });
  });

  describe('options', () => {
    it('rejects limits that are not positive integers', () => {
      expect(() => new StreamingRecordDecoder({ batchSize: 0 })).toThrow(RangeError);
      expect(() => new StreamingRecordDecoder({ maxDepth: 1.5 })).toThrow('decoder option maxDepth must be a positive integer, got 1.5');
    });

    it('is injectable as the RecordDecoder, with or without DecoderOptions', async () => {
      const plain = await Test.createTestingModule({ providers: [{ provide: RecordDecoder, useClass: StreamingRecordDecoder }] }).compile();
      expect(plain.get(RecordDecoder)).toBeInstanceOf(StreamingRecordDecoder);
      const limited = await Test.createTestingModule({
        providers: [
          { provide: RecordDecoder, useClass: StreamingRecordDecoder },
          { provide: DecoderOptions, useValue: { batchSize: 2 } },
        ],
      }).compile();
      const batches: number[] = [];
      for await (const batch of limited.get(RecordDecoder).decode(streamOf('id\n1\n2\n3\n'), { name: 'a.csv' })) batches.push(batch.length);
      expect(batches).toEqual([2, 1]);
    });
  });
});
