const MAX_SHOWN = 100;

/**
 * A value as it appears in a violation or coercion message: strings quoted, objects as
 * JSON, anything longer than 100 characters cut with '…' (messages end up in events,
 * quarantine files and e-mails; a 1 MB cell must not).
 * @example describeValue('abc') // '"abc"'
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(cut(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return cut(text);
}

function cut(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
