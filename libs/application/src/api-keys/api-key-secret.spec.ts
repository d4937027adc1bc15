import { issueApiKey, parseApiKey, secretMatches } from './api-key-secret.js';

describe('API key secrets', () => {
  it('issues keys that parse back to their id and match their own hash only', () => {
    const a = issueApiKey();
    const b = issueApiKey();
    expect(a.key).toMatch(/^pk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    const parsed = parseApiKey(a.key);
    expect(parsed?.id).toBe(a.id);
    expect(secretMatches(parsed!.secret, a.secretHash)).toBe(true);
    expect(secretMatches(parsed!.secret, b.secretHash)).toBe(false);
    expect(a.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key).not.toContain(a.secretHash);
  });

  it.each([
    '',
    'pk_',
    'Bearer pk_0123456789ab_' + 'A'.repeat(43),
    'pk_0123456789AB_' + 'A'.repeat(43),
    'pk_0123456789ab_' + 'A'.repeat(42),
  ])('does not parse %j', (key) => {
    expect(parseApiKey(key)).toBeNull();
  });

  it('does not match a stored hash of another length', () => {
    expect(secretMatches('x', 'abcd')).toBe(false);
  });
});
