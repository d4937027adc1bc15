const QUOTE = 34;
const CR = 13;

/** Receives each complete record: its fields, the physical line it starts on, and its span in the scanned text. */
export interface CsvRowSink {
  row(fields: string[], line: number, start: number, end: number): void;
}

/**
 * RFC 4180 record scanner over text chunks. Lines without a quote character (the common
 * case) are cut with native indexOf/split; only lines holding a quote take the slower
 * field-by-field path (quoted fields, `""` escapes, line breaks inside quotes). CRLF and LF
 * both end records; blank lines are skipped but counted. Text after a closing quote up to
 * the next delimiter is kept as it is, as spreadsheets do.
 */
export class CsvScanner {
  /** Physical line at the start of the text not consumed yet. */
  line = 1;
  /** Line of the quote that was still open when the last scan stopped, if that is why it stopped. */
  openQuoteLine: number | undefined;
  private fields: string[] = [];
  private spannedLines = 0;
  private recordEnd = 0;

  constructor(
    private readonly delimiter: string,
    private readonly sink: CsvRowSink,
  ) {}

  /**
   * Hands every complete record of `text` to the sink and returns how much of `text` was
   * consumed; the rest is an unfinished record to scan again with more text. With `atEnd`
   * the text is the end of the input, so a last line without a line break is complete.
   */
  scan(text: string, atEnd: boolean): number {
    const delimiter = this.delimiter;
    const n = text.length;
    let pos = 0;
    let line = this.line;
    let nextQuote = indexOrEnd(text, '"', 0);
    this.openQuoteLine = undefined;
    while (pos < n) {
      let newline = text.indexOf('\n', pos);
      if (newline === -1) {
        if (!atEnd) break;
        newline = n;
      }
      if (nextQuote < pos) nextQuote = indexOrEnd(text, '"', pos);
      if (nextQuote > newline) {
        const end = newline > pos && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
        if (end > pos) this.sink.row(text.slice(pos, end).split(delimiter), line, pos, end);
        line++;
        pos = newline + 1;
        continue;
      }
      this.line = line;
      const next = this.scanQuotedRecord(text, pos, atEnd);
      if (next === -1) break;
      this.sink.row(this.fields, line, pos, this.recordEnd);
      line += 1 + this.spannedLines;
      pos = next;
    }
    this.line = line;
    return Math.min(pos, n);
  }

  // Field-by-field scan of one record starting at `start`; -1 when it is not complete in `text`.
  private scanQuotedRecord(text: string, start: number, atEnd: boolean): number {
    const fields: string[] = [];
    let i = start;
    let spanned = 0;
    for (;;) {
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        const quoted = this.readQuoted(text, i + 1, atEnd, this.line + spanned);
        if (quoted === undefined) return -1;
        [value, i] = quoted;
        spanned += this.spannedLines;
      }
      let newline = text.indexOf('\n', i);
      if (newline === -1) {
        if (!atEnd) return -1;
        newline = text.length;
      }
      const delimiter = text.indexOf(this.delimiter, i);
      if (delimiter !== -1 && delimiter < newline) {
        fields.push(value + text.slice(i, delimiter));
        i = delimiter + 1;
        continue;
      }
      const end = newline > i && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
      fields.push(value + text.slice(i, end));
      this.fields = fields;
      this.spannedLines = spanned;
      this.recordEnd = end;
      return newline + 1;
    }
  }

  // Content of a quoted field whose text starts at `from`, and the index after its closing quote.
  private readQuoted(text: string, from: number, atEnd: boolean, quoteLine: number): [string, number] | undefined {
    let value = '';
    let lines = 0;
    for (let j = from; ;) {
      const quote = text.indexOf('"', j);
      // A quote as the very last character may be the first half of a "" escape.
      if (quote === -1 || (quote === text.length - 1 && !atEnd)) {
        this.openQuoteLine = quoteLine;
        return undefined;
      }
      lines += countLineFeeds(text, j, quote);
      if (text.charCodeAt(quote + 1) === QUOTE) {
        value += text.slice(j, quote + 1);
        j = quote + 2;
        continue;
      }
      this.spannedLines = lines;
      return [value + text.slice(j, quote), quote + 1];
    }
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const found = text.indexOf(search, from);
  return found === -1 ? Infinity : found;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
