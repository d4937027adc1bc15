import { DecodeError } from '@pipeline/domain/errors.js';
import { DecodeReason } from '../decode-reasons.js';
import { type FormatContext } from '../decoder-options.js';

const QUOTE = 34;
const COLON = 58;
const OPEN_BRACKET = 91;

/**
 * Follows the keys of a top-level JSON object for the element scanner: finds the "data"
 * key, checks its value is an array and tells the scanner when that array opens. The
 * values of other keys are skipped (their brackets and strings are still checked).
 */
export class TopLevelObject {
  private expectKey = true;
  private keyParts: string[] | undefined;
  private keyStart = 0;
  /** The key whose value has not started yet. */
  private key: string | undefined;
  private sawData = false;

  constructor(
    private readonly context: FormatContext,
    private readonly line: () => number,
    private readonly openRecords: () => void,
  ) {}

  chunkStarts(): void {
    this.keyStart = 0;
  }

  chunkEnds(chunk: string): void {
    if (this.keyParts === undefined) return;
    this.keyParts.push(chunk.slice(this.keyStart));
    if (this.keyParts.reduce((n, p) => n + p.length, 0) > this.context.limits.maxLineBytes) {
      throw this.failure(DecodeReason.LINE_TOO_LONG, `property name longer than ${this.context.limits.maxLineBytes} characters`);
    }
  }

  /** A character that is not whitespace, a comma or a closing bracket, directly inside the object. */
  valueChar(c: number, chunk: string, i: number): void {
    if (this.expectKey) {
      if (c !== QUOTE) throw this.failure(DecodeReason.JSON_SYNTAX, 'expected a property name in double quotes');
      this.expectKey = false;
      this.keyParts = [];
      this.keyStart = i;
      return;
    }
    if (c === COLON || this.key === undefined) return;
    const key = this.key;
    this.key = undefined;
    if (key !== 'data') return;
    if (c !== OPEN_BRACKET) throw this.failure(DecodeReason.JSON_SHAPE, '"data" must be an array of objects');
    this.sawData = true;
    this.openRecords();
  }

  stringEnds(chunk: string, quote: number): void {
    if (this.keyParts === undefined) return;
    const text = this.keyParts.join('') + chunk.slice(this.keyStart, quote + 1);
    this.keyParts = undefined;
    try {
      this.key = JSON.parse(text) as string;
    } catch {
      throw this.failure(DecodeReason.JSON_SYNTAX, `invalid property name ${text.slice(0, 80)}`);
    }
  }

  comma(): void {
    this.expectKey = true;
    this.key = undefined;
  }

  /** The object closed. */
  end(): void {
    if (!this.sawData) throw this.failure(DecodeReason.JSON_SHAPE, 'expected a JSON array of objects or an object with a "data" array');
  }

  private failure(reason: DecodeReason, detail: string): DecodeError {
    return new DecodeError(reason, this.context.file, detail, this.line());
  }
}
