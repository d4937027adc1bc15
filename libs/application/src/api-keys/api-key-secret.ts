import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A freshly made key: `key` is shown to its owner once; only `secretHash` is stored. */
export interface IssuedApiKey {
  readonly id: string;
  readonly key: string;
  readonly secretHash: string;
}

// `pk_` + 12 hex id + `_` + 256 random bits in base64url: the id finds the row, the secret proves possession.
const KEY_PATTERN = /^pk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function issueApiKey(): IssuedApiKey {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `pk_${id}_${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a presented key; null when it cannot be one of ours (so nothing is looked up). */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { id: match[1], secret: match[2] } : null;
}

/** Constant-time comparison of the presented secret's hash with the stored one. */
export function secretMatches(secret: string, storedHashHex: string): boolean {
  const presented = createHash('sha256').update(secret).digest();
  const stored = Buffer.from(storedHashHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
