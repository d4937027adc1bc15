import { createHmac } from 'node:crypto';
import { signUploadToken, verifyUploadToken } from './upload-token.js';

const key = Buffer.from('0123456789abcdef0123456789abcdef');
const exp = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);
const token = signUploadToken({ key: 'raw/orders/a.csv', exp, maxBytes: 1_000, contentType: 'text/csv' }, key);

/** A token with a valid signature over an arbitrary payload: only the payload checks can reject it. */
function signedRaw(payloadText: string): string {
  const payload = Buffer.from(payloadText).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

describe('verifyUploadToken', () => {
  it('accepts a fresh token up to and including its expiry second', () => {
    const ok = { ok: true, key: 'raw/orders/a.csv', maxBytes: 1_000, contentType: 'text/csv' };
    expect(verifyUploadToken(token, key, at(exp - 600))).toEqual(ok);
    expect(verifyUploadToken(token, key, new Date(exp * 1000 + 999))).toEqual(ok);
  });

  it('leaves contentType out when the grant has none', () => {
    const plain = signUploadToken({ key: 'raw/a', exp, maxBytes: 5 }, key);
    expect(verifyUploadToken(plain, key, at(exp))).toEqual({ ok: true, key: 'raw/a', maxBytes: 5 });
  });

  it('reports an expired token', () => {
    expect(verifyUploadToken(token, key, at(exp + 1))).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    [
      'a payload from another grant',
      () => `${signUploadToken({ key: 'raw/other', exp, maxBytes: 1e9 }, key).split('.')[0]}.${token.split('.')[1]}`,
    ],
    ['a changed signature', () => `${token.split('.')[0]}.${'A'.repeat(43)}`],
    ['a truncated signature', () => token.slice(0, -2)],
    ['another signing key', () => signUploadToken({ key: 'raw/orders/a.csv', exp, maxBytes: 1_000 }, Buffer.from('another key'))],
  ])('reports tampering: %s', (_label, make) => {
    expect(verifyUploadToken(make(), key, at(exp - 1))).toEqual({ ok: false, reason: 'tampered' });
  });

  it.each([
    ['empty', ''],
    ['no signature', token.split('.')[0]],
    ['three parts', `${token}.x`],
    ['characters outside base64url', `${token.split('.')[0]}.ab+/=`],
    ['a signed payload that is not JSON', signedRaw('not json')],
    ['a signed payload without exp', signedRaw(JSON.stringify({ key: 'raw/a', maxBytes: 1 }))],
    ['a signed payload with a string maxBytes', signedRaw(JSON.stringify({ key: 'raw/a', exp, maxBytes: '1' }))],
    ['a signed JSON array', signedRaw('[1,2]')],
  ])('reports a malformed token: %s', (_label, bad) => {
    expect(verifyUploadToken(bad, key, at(exp - 1))).toEqual({ ok: false, reason: 'malformed' });
  });
});
