import type { TransformSpec } from '../contract/data-contract.js';

/** Trims strings and maps null tokens to null; returns any other value unchanged. */
export type ValueCleaner = (value: unknown) => unknown;

/**
 * Builds the per-value cleaning step once per contract. Null tokens are compared after
 * trimming and case-insensitively, even when `trim` is off (so `' NULL '` is null either way).
 * @example createValueCleaner(DEFAULT_TRANSFORMS)('  N/A ') // null
 */
export function createValueCleaner(transforms: Pick<TransformSpec, 'trim' | 'nullTokens'>): ValueCleaner {
  const isNullToken = createNullTokenMatcher(transforms.nullTokens);
  const trim = transforms.trim;
  return (value) => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (isNullToken(trimmed)) return null;
    return trim ? trimmed : value;
  };
}

/** Case-insensitive membership of an already trimmed string in the token list. */
export function createNullTokenMatcher(tokens: readonly string[]): (trimmed: string) => boolean {
  const lowered = new Set(tokens.map((t) => t.trim().toLowerCase()));
  // Most values are longer than every token: skip the lowercase copy for them.
  let longest = 0;
  for (const token of lowered) longest = Math.max(longest, token.length);
  return (trimmed) => trimmed.length <= longest && lowered.has(trimmed.toLowerCase());
}
