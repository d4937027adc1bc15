import { DecodeError } from '@pipeline/domain/errors.js';
import { DecodeReason } from '../decode-reasons.js';

/** Physical line of a JSON.parse error inside `text` (which starts on `firstLine`), from the position V8 reports when it does. */
export function lineOfParseError(error: unknown, text: string, firstLine: number): number {
  const position = /at position (\d+)/.exec((error as Error).message)?.[1];
  if (position === undefined) return firstLine;
  let line = firstLine;
  const end = Number(position);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** What JSON.parse found wrong, without the snippet of the input V8 may echo. */
export const parseErrorDetail = (error: unknown): string =>
  `invalid JSON: ${(error as Error).message.replace(/, ".*" is not valid JSON$/s, '')}`;

/** JSON_SYNTAX for an element of a JSON array: fatal, the array cannot be trusted past it. */
export function elementSyntaxError(error: unknown, text: string, file: string, line: number, record: number): DecodeError {
  const at = lineOfParseError(error, text, line);
  return new DecodeError(DecodeReason.JSON_SYNTAX, file, `${parseErrorDetail(error)} (record ${record})`, at, record, { cause: error });
}

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Name of a JSON value's type for messages. */
export const jsonTypeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);
