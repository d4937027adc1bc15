import { describeLocation } from '@pipeline/domain/errors.js';
import { type DecodedItem } from '@pipeline/domain/ports/record-decoder.js';
import { type BadRecordCode } from './decode-reasons.js';

/** A `bad` item whose message names the file, line, record number and what is wrong. */
export function badItem(file: string, index: number, line: number, code: BadRecordCode, detail: string, raw: string): DecodedItem {
  return { kind: 'bad', index, line, code, message: `${describeLocation(file, line, index)}: ${detail}`, raw };
}

/** Groups items into batches of a fixed size; decoders push while scanning a chunk and yield what is ready after it. */
export class ItemBatcher {
  private current: DecodedItem[] = [];
  private ready: DecodedItem[][] = [];

  constructor(private readonly size: number) {}

  push(item: DecodedItem): void {
    this.current.push(item);
    if (this.current.length >= this.size) {
      this.ready.push(this.current);
      this.current = [];
    }
  }

  /** Full batches collected so far. */
  *drain(): Generator<DecodedItem[]> {
    const ready = this.ready;
    this.ready = [];
    yield* ready;
  }

  /** Full batches, then the last partial one. */
  *finish(): Generator<DecodedItem[]> {
    yield* this.drain();
    if (this.current.length > 0) yield this.current;
    this.current = [];
  }
}
