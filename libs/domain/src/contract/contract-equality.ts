import { canonicalJson } from './canonical-json.js';
import type { DataContract } from './data-contract.js';

/**
 * Same contract apart from its version number: loading an unchanged contract file at every
 * start must not create a new version. Everything else counts, provenance (`inferred`) included.
 * @example contractsEqual({ ...c, version: 1 }, { ...c, version: 7 }) // true
 */
export function contractsEqual(a: DataContract, b: DataContract): boolean {
  return canonicalJson({ ...a, version: 0 }) === canonicalJson({ ...b, version: 0 });
}
