import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { StreamingRecordDecoder } from './streaming-record-decoder.js';

const MiB = 1024 * 1024;
const inputBytes = 100 * MiB;
const allowedHeapGrowth = 64 * MiB;

/** ~`total` bytes of text from a generator, in 64 KiB pieces: nothing like the whole input ever exists at once. */
function generated(total: number, head: string, row: (i: number) => string, tail = ''): Readable {
  async function* pieces(): AsyncGenerator<Buffer> {
    yield Buffer.from(head);
    let produced = 0;
    let text = '';
    for (let i = 1; produced < total; i++) {
      text += row(i);
      if (text.length >= 64 * 1024) {
        produced += text.length;
        yield Buffer.from(text);
        text = '';
      }
    }
    yield Buffer.from(text + tail);
  }
  return Readable.from(pieces(), { objectMode: false });
}

// Measures what the decoder keeps alive, not garbage V8 has not collected yet (which depends on
// how busy the machine is): a full GC before each sample.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function decodeMeasuringHeap(input: Readable, name: string): Promise<{ records: number; growth: number }> {
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let records = 0;
  let batches = 0;
  for await (const batch of new StreamingRecordDecoder().decode(input, { name })) {
    records += batch.length;
    if (++batches % 200 === 0) {
      collectGarbage();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  return { records, growth: peak - baseline };
}

describe('memory while decoding a 100 MB input', () => {
  it('keeps heap growth bounded for CSV', async () => {
    const row = (i: number) => `${i},customer ${i % 997},"note, with ""quotes"" ${i}",${(i * 31) % 10_000}.25,2026-01-01T00:00:00Z\n`;
    const { records, growth } = await decodeMeasuringHeap(generated(inputBytes, 'id,customer,note,amount,at\n', row), 'big.csv');
    expect(records).toBeGreaterThan(1_000_000);
    expect(growth).toBeLessThan(allowedHeapGrowth);
  }, 120_000);

  it('keeps heap growth bounded for a JSON array', async () => {
    const row = (i: number) =>
      `${i === 1 ? '' : ','}\n{"id":${i},"customer":"customer ${i % 997}","tags":["a","b"],"amount":${i % 10_000}.25}`;
    const { records, growth } = await decodeMeasuringHeap(generated(inputBytes, '{"meta":{"v":1},"data":[', row, ']}'), 'big.json');
    expect(records).toBeGreaterThan(1_000_000);
    expect(growth).toBeLessThan(allowedHeapGrowth);
  }, 120_000);
});
