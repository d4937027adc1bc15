import { DecodeError } from '@pipeline/domain/errors.js';
import { DecodeReason } from '../decode-reasons.js';
import { type FormatContext } from '../decoder-options.js';
import { TopLevelObject } from './top-level-object.js';

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Comma = 44,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

const isBlank = (c: number): boolean => c === Char.Space || c === Char.Tab || c === Char.CarriageReturn;

/** Receives the text of each element of the records array, with the line it starts on. */
export type ElementSink = (text: string, line: number) => void;

/**
 * Cuts the elements of a JSON array — the top-level one, or the "data" array of a top-level
 * object — out of text chunks, without parsing the document: it follows strings (escapes
 * across chunk boundaries included), bracket nesting and lines, and hands each element's
 * text to the sink, to be JSON.parsed alone. Only the element being cut is held in memory.
 * Structure errors, nesting over the limit and over-long elements throw DecodeError.
 */
export class JsonElementScanner {
  line = 1;
  /** Elements cut so far. */
  elements = 0;
  private depth = 0;
  private readonly brackets: Uint8Array;
  private inString = false;
  private escapePending = false;
  private started = false;
  private finished = false;
  private topLevel: TopLevelObject | undefined;
  /** Depth of the records array while inside it, else 0. */
  private recordsDepth = 0;
  private collecting = false;
  private parts: string[] = [];
  private partsLength = 0;
  private elementStart = 0;
  private elementLine = 0;
  private commaPending = false;

  constructor(
    private readonly context: FormatContext,
    private readonly sink: ElementSink,
  ) {
    this.brackets = new Uint8Array(context.limits.maxDepth + 4);
  }

  feed(chunk: string): void {
    this.elementStart = 0;
    this.topLevel?.chunkStarts();
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      if (this.inString) {
        i = this.skipString(chunk, i) - 1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === Char.LineFeed) this.line++;
      else if (isBlank(c)) continue;
      else if (c === Char.Comma) this.comma(chunk, i);
      else if (c === Char.CloseBrace || c === Char.CloseBracket) this.close(c, chunk, i);
      else this.valueChar(c, chunk, i);
    }
    if (this.collecting) this.keepElementPart(chunk.slice(this.elementStart));
    this.topLevel?.chunkEnds(chunk);
  }

  /** At the end of the input: checks the document is complete and has the right shape. */
  end(): void {
    if (!this.started) throw this.failure(DecodeReason.EMPTY_FILE, 'the file is empty (only whitespace)');
    if (this.inString) throw this.syntax('the file ends inside a string (truncated?)');
    if (this.depth > 0) throw this.syntax(`the file ends with ${this.depth} unclosed bracket(s) (truncated?)`);
  }

  // Skips string content from i; returns the index after the closing quote, or the chunk length.
  private skipString(chunk: string, from: number): number {
    let i = from;
    if (this.escapePending) {
      this.escapePending = false;
      i++;
    }
    for (;;) {
      const quote = chunk.indexOf('"', i);
      const stop = quote === -1 ? chunk.length : quote;
      let k = stop;
      while (k > i && chunk.charCodeAt(k - 1) === Char.Backslash) k--;
      const escaped = ((stop - k) & 1) === 1;
      if (quote === -1) {
        this.escapePending = escaped;
        return chunk.length;
      }
      if (!escaped) {
        this.inString = false;
        this.topLevel?.stringEnds(chunk, quote);
        return quote + 1;
      }
      i = quote + 1;
    }
  }

  private valueChar(c: number, chunk: string, i: number): void {
    if (this.depth === 0) this.startDocument(c);
    else if (this.depth === this.recordsDepth) this.startElement(chunk, i);
    else if (this.depth === 1 && this.topLevel) this.topLevel.valueChar(c, chunk, i);
    if (c === Char.Quote) this.inString = true;
    else if (c === Char.OpenBrace || c === Char.OpenBracket) this.open(c);
  }

  private startDocument(c: number): void {
    if (this.finished) throw this.syntax('unexpected text after the end of the JSON document');
    this.started = true;
    if (c === Char.OpenBracket) return;
    if (c !== Char.OpenBrace)
      throw this.failure(DecodeReason.JSON_SHAPE, 'expected a JSON array of objects or an object with a "data" array');
    this.topLevel = new TopLevelObject(
      this.context,
      () => this.line,
      () => this.openRecords(),
    );
  }

  private startElement(chunk: string, i: number): void {
    // An element runs to the next comma or bracket at this depth; what is inside is JSON.parse's to judge.
    if (this.collecting) return;
    this.collecting = true;
    this.commaPending = false;
    this.elementStart = i;
    this.elementLine = this.line;
  }

  private open(c: number): void {
    this.depth++;
    if (this.depth === 1 && c === Char.OpenBracket) this.recordsDepth = 1;
    const level = this.depth - (this.recordsDepth > 0 ? this.recordsDepth : 1);
    if (level > this.context.limits.maxDepth) {
      const detail = `nesting deeper than ${this.context.limits.maxDepth} levels`;
      throw this.failure(DecodeReason.NESTING_TOO_DEEP, detail, this.collecting ? this.elements + 1 : undefined);
    }
    this.brackets[this.depth] = c;
  }

  private openRecords(): void {
    this.recordsDepth = this.depth + 1;
  }

  private close(c: number, chunk: string, i: number): void {
    const expected = c === Char.CloseBrace ? Char.OpenBrace : Char.OpenBracket;
    if (this.depth === 0 || this.brackets[this.depth] !== expected) {
      throw this.syntax(`unexpected "${String.fromCharCode(c)}"`, this.collecting ? this.elements + 1 : undefined);
    }
    if (this.depth === this.recordsDepth) {
      if (this.collecting) this.endElement(chunk, i);
      else if (this.commaPending) throw this.syntax(`trailing comma after record ${this.elements}`);
      this.recordsDepth = 0;
    }
    this.depth--;
    if (this.depth > 0) return;
    this.finished = true;
    this.topLevel?.end();
  }

  private comma(chunk: string, i: number): void {
    if (this.depth === this.recordsDepth) {
      if (!this.collecting) throw this.syntax(`empty record ${this.elements + 1} (two commas or a leading comma)`);
      this.endElement(chunk, i);
      this.commaPending = true;
    } else if (this.depth === 0) throw this.syntax('unexpected "," outside the JSON document');
    else if (this.depth === 1) this.topLevel?.comma();
  }

  private endElement(chunk: string, end: number): void {
    const last = chunk.slice(this.elementStart, end);
    const text = this.parts.length === 0 ? last : this.parts.join('') + last;
    this.parts = [];
    this.partsLength = 0;
    this.collecting = false;
    this.elements++;
    if (text.length > this.context.limits.maxLineBytes) this.elementTooLong(text.length);
    this.sink(text, this.elementLine);
  }

  private keepElementPart(part: string): void {
    this.parts.push(part);
    this.partsLength += part.length;
    if (this.partsLength > this.context.limits.maxLineBytes) this.elementTooLong(this.partsLength);
  }

  private elementTooLong(length: number): never {
    const detail = `record longer than the ${this.context.limits.maxLineBytes}-byte limit (${length}+ characters)`;
    throw new DecodeError(DecodeReason.LINE_TOO_LONG, this.context.file, detail, this.elementLine, this.elements + 1);
  }

  private syntax(detail: string, record?: number): DecodeError {
    return this.failure(DecodeReason.JSON_SYNTAX, detail, record);
  }

  private failure(reason: DecodeReason, detail: string, record?: number): DecodeError {
    return new DecodeError(reason, this.context.file, detail, this.line, record);
  }
}
