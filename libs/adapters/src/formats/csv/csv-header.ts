import { DecodeError } from '@pipeline/domain/errors.js';
import { DecodeReason } from '../decode-reasons.js';

const candidates = [',', '\t', ';', '|'] as const;

/**
 * The delimiter of a header line: the candidate (`,` tab `;` `|`) seen most often outside
 * quotes; ties go to the earlier candidate, and a line with none of them is one comma-separated column.
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: string = candidates[0];
  for (const c of candidates) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}

/**
 * Column names from the header row: trimmed; empty ones become `column_<n>` (1-based
 * position); exact duplicates (case-sensitive) make the file unreadable (DUPLICATE_COLUMNS).
 */
export function columnNames(fields: readonly string[], file: string, line: number): string[] {
  const names = fields.map((f) => f.trim());
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const name of names) {
    if (name === '') continue;
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
  }
  if (duplicates.size > 0) {
    const list = [...duplicates].map((d) => JSON.stringify(d)).join(', ');
    throw new DecodeError(DecodeReason.DUPLICATE_COLUMNS, file, `duplicate column names in the header: ${list}`, line);
  }
  return names.map((name, i) => (name === '' ? freshName(`column_${i + 1}`, seen) : name));
}

function freshName(base: string, taken: Set<string>): string {
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
  taken.add(name);
  return name;
}
