/** A name every sink accepts as a column: Postgres, Parquet, Athena/Glue and DuckDB. */
export const IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]*$/;

const COMBINING_MARKS = /\p{M}+/gu;
/** `HTTPStatus` → `HTTP_Status`: an acronym ends where a capitalised word begins. */
const ACRONYM_END = /([A-Z]+)([A-Z][a-z])/g;
/** `orderId` → `order_Id`, `line2Name` → `line2_Name`, but `3D` stays one word. */
const LOWER_TO_UPPER = /([a-z])([A-Z])/g;
const DIGIT_TO_WORD = /([0-9])([A-Z][a-z])/g;
const NON_IDENTIFIER_RUN = /[^A-Za-z0-9]+/g;
const EDGE_UNDERSCORES = /^_+|_+$/g;
const DELIBERATE_LEADING_UNDERSCORE = /^\s*_/;

/**
 * Field name → snake_case identifier matching IDENTIFIER_PATTERN.
 * Diacritics are stripped (NFKD), other non-ASCII characters become separators.
 * A leading `_` the author wrote is kept (`_id` stays `_id`); a leading digit gets one.
 * A name with nothing usable left (``, `($)`, `名前`) becomes `_` + 8 hex digits of its FNV-1a
 * hash, so distinct odd names stay distinct and the result never depends on column position.
 * @example toSnakeCase('HTTPStatusCode') // 'http_status_code'
 */
export function toSnakeCase(name: string): string {
  const ascii = name.normalize('NFKD').replace(COMBINING_MARKS, '');
  const words = ascii
    .replace(ACRONYM_END, '$1_$2')
    .replace(LOWER_TO_UPPER, '$1_$2')
    .replace(DIGIT_TO_WORD, '$1_$2')
    .replace(NON_IDENTIFIER_RUN, '_')
    .replace(EDGE_UNDERSCORES, '')
    .toLowerCase();
  if (words === '') return `_${fnv1a32(name)}`;
  const needsPrefix = DELIBERATE_LEADING_UNDERSCORE.test(name) || (words.charCodeAt(0) >= 48 && words.charCodeAt(0) <= 57);
  return needsPrefix ? `_${words}` : words;
}

function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
