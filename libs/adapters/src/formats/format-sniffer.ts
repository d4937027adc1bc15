import { type InputFormat } from '@pipeline/domain/ports/record-decoder.js';

/**
 * Guesses the format from the start of the text. `[` is a JSON array. For `{`: a first line
 * that is a whole object holding a "data" array means `{"data":[...]}`; otherwise a second
 * line starting with `{` means NDJSON. A lone one-line object is one NDJSON record when the
 * name said nothing and it has no "data" key; under a `.json` name it is a JSON document (so
 * a wrong shape is reported as such). Pretty-printed JSON is JSON. Anything else is CSV.
 */
export function sniffFormat(head: string, namedJson = false): InputFormat {
  const start = firstNonBlank(head);
  if (head[start] === '[') return 'json';
  if (head[start] !== '{') return namedJson ? 'json' : 'csv';
  return sniffObjectText(head, start, namedJson);
}

function sniffObjectText(head: string, start: number, namedJson: boolean): InputFormat {
  const newline = head.indexOf('\n', start);
  const first = head.slice(start, newline === -1 ? undefined : newline);
  const afterFirst = newline === -1 ? '' : head.slice(newline + 1).trimStart();
  const secondEnd = afterFirst.indexOf('\n');
  const second = secondEnd === -1 ? afterFirst : afterFirst.slice(0, secondEnd);
  const parsed = parseOrUndefined(first);
  if (isObject(parsed) && Array.isArray(parsed.data)) return 'json';
  if (second.startsWith('{')) return isObject(parsed) || isObject(parseOrUndefined(second)) ? 'ndjson' : 'json';
  return !namedJson && isObject(parsed) && !('data' in parsed) ? 'ndjson' : 'json';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when the head holds enough to tell JSON from NDJSON: the first line of a `{` text is complete. */
export function firstLineComplete(head: string): boolean {
  const start = firstNonBlank(head);
  return head[start] !== '{' || head.indexOf('\n', start) !== -1;
}

function firstNonBlank(text: string): number {
  const match = /[^\s\uFEFF]/.exec(text);
  return match ? match.index : text.length;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
