/** `DecodeError.reason` values raised by the streaming decoder (fatal: the rest of the input cannot be trusted). */
export const DecodeReason = {
  EMPTY_FILE: 'EMPTY_FILE',
  HEADER_ONLY: 'HEADER_ONLY',
  NO_RECORDS: 'NO_RECORDS',
  UNBALANCED_QUOTE: 'UNBALANCED_QUOTE',
  INVALID_UTF8: 'INVALID_UTF8',
  BINARY_CONTENT: 'BINARY_CONTENT',
  JSON_SYNTAX: 'JSON_SYNTAX',
  JSON_SHAPE: 'JSON_SHAPE',
  NESTING_TOO_DEEP: 'NESTING_TOO_DEEP',
  LINE_TOO_LONG: 'LINE_TOO_LONG',
  DUPLICATE_COLUMNS: 'DUPLICATE_COLUMNS',
  UNKNOWN_FORMAT: 'UNKNOWN_FORMAT',
  GZIP_CORRUPT: 'GZIP_CORRUPT',
} as const;
export type DecodeReason = (typeof DecodeReason)[keyof typeof DecodeReason];

/** `code` values of `bad` items: one record is unreadable, the file goes on. */
export const BadRecordCode = {
  RAGGED_ROW: 'RAGGED_ROW',
  JSON_SYNTAX: 'JSON_SYNTAX',
  NOT_AN_OBJECT: 'NOT_AN_OBJECT',
  NESTING_TOO_DEEP: 'NESTING_TOO_DEEP',
} as const;
export type BadRecordCode = (typeof BadRecordCode)[keyof typeof BadRecordCode];
