import { InvalidKeyError } from '@pipeline/domain/errors.js';

/** S3's limit; keeping it everywhere means a key that works locally also works in AWS. */
export const MAX_KEY_BYTES = 1024;
/** NAME_MAX on Linux and macOS: a longer segment cannot become a file or folder name. */
export const MAX_SEGMENT_BYTES = 255;

/** Suffixes of the store's own files (in-flight writes, metadata sidecars); no key may use them. */
export const TEMP_FILE_SUFFIX = '.~tmp';
export const SIDECAR_SUFFIX = '.~meta';

// C0 controls and DEL; a NUL truncates paths in some syscalls, the rest break logs and terminals.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// In a `u` regex a surrogate only matches when unpaired; UTF-8 would turn it into U+FFFD and merge distinct keys.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** True for files the store writes for itself, which are never objects. */
export function isInternalFileName(name: string): boolean {
  return name.endsWith(TEMP_FILE_SUFFIX) || name.endsWith(SIDECAR_SUFFIX);
}

/**
 * Checks an object key and returns its segments. Keys are relative, `/`-separated, and every
 * segment is a plain name: no `.`/`..`, no empty segment, no backslash or control character.
 * @example validateObjectKey('raw/orders/a.csv') // ['raw', 'orders', 'a.csv']
 */
export function validateObjectKey(key: string): string[] {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidKeyError(String(key), 'empty key');
  if (key.startsWith('/')) throw new InvalidKeyError(key, 'absolute path');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new InvalidKeyError(key, `longer than ${MAX_KEY_BYTES} bytes`);
  checkCharacters(key, key);
  const segments = key.split('/');
  for (const segment of segments) checkSegment(key, segment);
  return segments;
}

/**
 * Checks a list prefix: `''`, whole segments ending in `/`, or a partial last segment.
 * @example validateListPrefix('processed/dataset=orders/') // ['processed', 'dataset=orders']  (folders to walk)
 */
export function validateListPrefix(prefix: string): string[] {
  if (typeof prefix !== 'string') throw new InvalidKeyError(String(prefix), 'prefix is not a string');
  if (prefix === '') return [];
  if (prefix.startsWith('/')) throw new InvalidKeyError(prefix, 'absolute path');
  checkCharacters(prefix, prefix);
  const segments = prefix.split('/');
  const partial = segments.pop() ?? '';
  for (const segment of segments) checkSegment(prefix, segment);
  if (partial === '.' || partial === '..') throw new InvalidKeyError(prefix, `"${partial}" segment`);
  return segments;
}

function checkCharacters(key: string, text: string): void {
  if (text.includes('\\')) throw new InvalidKeyError(key, 'backslash');
  if (CONTROL_CHARACTERS.test(text)) throw new InvalidKeyError(key, 'control character');
  if (LONE_SURROGATE.test(text)) throw new InvalidKeyError(key, 'unpaired surrogate (not valid Unicode)');
}

function checkSegment(key: string, segment: string): void {
  if (segment === '') throw new InvalidKeyError(key, 'empty segment');
  if (segment === '.' || segment === '..') throw new InvalidKeyError(key, `"${segment}" segment`);
  if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) throw new InvalidKeyError(key, `segment longer than ${MAX_SEGMENT_BYTES} bytes`);
  if (isInternalFileName(segment))
    throw new InvalidKeyError(key, `segments ending in ${TEMP_FILE_SUFFIX} or ${SIDECAR_SUFFIX} are reserved`);
}
