import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed upload URL allows: one key, until `exp`, at most `maxBytes`, optionally one content type. */
export interface UploadGrant {
  readonly key: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
  readonly maxBytes: number;
  readonly contentType?: string;
}

export type UploadTokenCheck =
  | { readonly ok: true; readonly key: string; readonly maxBytes: number; readonly contentType?: string }
  | { readonly ok: false; readonly reason: 'expired' | 'tampered' | 'malformed' };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * `<base64url(JSON grant)>.<base64url(HMAC-SHA256(signingKey, first part))>`.
 * @example signUploadToken({ key: 'raw/orders/a.csv', exp: 1767225600, maxBytes: 1e9 }, key)
 */
export function signUploadToken(grant: UploadGrant, signingKey: Buffer): string {
  const payload = Buffer.from(JSON.stringify(grant), 'utf8').toString('base64url');
  return `${payload}.${sign(payload, signingKey)}`;
}

/**
 * Checks a token from an upload URL. The signature is compared in constant time before the
 * payload is trusted; a token is valid up to and including its `exp` second.
 * @example const check = verifyUploadToken(token, key, new Date()); if (!check.ok) reply(403, check.reason)
 */
export function verifyUploadToken(token: string, signingKey: Buffer, now: Date): UploadTokenCheck {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 2 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1])) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts;
  const expected = Buffer.from(sign(payload, signingKey), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
  const grant = parseGrant(payload);
  if (grant === null) return { ok: false, reason: 'malformed' };
  if (Math.floor(now.getTime() / 1000) > grant.exp) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    key: grant.key,
    maxBytes: grant.maxBytes,
    ...(grant.contentType === undefined ? {} : { contentType: grant.contentType }),
  };
}

function sign(payload: string, signingKey: Buffer): string {
  return createHmac('sha256', signingKey).update(payload).digest('base64url');
}

function parseGrant(payload: string): UploadGrant | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { key, exp, maxBytes, contentType } = value as Record<string, unknown>;
  const valid =
    typeof key === 'string' &&
    Number.isSafeInteger(exp) &&
    Number.isSafeInteger(maxBytes) &&
    (maxBytes as number) > 0 &&
    (contentType === undefined || typeof contentType === 'string');
  if (!valid) return null;
  return { key, exp: exp as number, maxBytes: maxBytes as number, ...(contentType === undefined ? {} : { contentType }) };
}
