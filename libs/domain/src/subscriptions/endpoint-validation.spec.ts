import { blockedHostReason } from './address-policy.js';
import { checkEndpoint } from './endpoint-validation.js';

const local = { allowPlainHttp: true, allowPrivateNetworks: true };
const aws = { allowPlainHttp: false, allowPrivateNetworks: false };

describe('webhook endpoints', () => {
  it.each([
    ['https://hooks.example.com/reports?x=1#frag', 'https://hooks.example.com/reports?x=1'],
    ['  https://HOOKS.example.com:443/a  ', 'https://hooks.example.com/a'],
    ['https://[2001:db8::1]/hook', 'https://[2001:db8::1]/hook'],
  ])('accepts %j in every mode as %j', (input, normalised) => {
    expect(checkEndpoint('WEBHOOK', input, aws)).toEqual({ ok: true, endpoint: normalised });
    expect(checkEndpoint('WEBHOOK', input, local)).toEqual({ ok: true, endpoint: normalised });
  });

  it('allows plain http and this machine only in local mode', () => {
    expect(checkEndpoint('WEBHOOK', 'http://127.0.0.1:8080/hook', local)).toEqual({ ok: true, endpoint: 'http://127.0.0.1:8080/hook' });
    expect(checkEndpoint('WEBHOOK', 'http://hooks.example.com/', aws)).toEqual({ ok: false, reason: 'webhooks must use https' });
    expect(checkEndpoint('WEBHOOK', 'https://127.0.0.1/hook', aws)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('loopback'),
    });
    expect(checkEndpoint('WEBHOOK', 'https://10.1.2.3/hook', aws)).toMatchObject({ ok: false, reason: expect.stringContaining('private') });
    expect(checkEndpoint('WEBHOOK', 'https://localhost/hook', aws)).toMatchObject({ ok: false });
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.170.2/v2/credentials',
    'http://2852039166/', // 169.254.169.254 as one decimal number
    'http://0xa9.0xfe.0xa9.0xfe/', // … in hex octets
    'http://0251.0376.0251.0376/', // … in octal
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://[fe80::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://100.100.100.200/latest/meta-data/',
    'http://0.0.0.0:8080/',
    'http://[::]/',
  ])('refuses the metadata / link-local endpoint %s even in local mode', (url) => {
    expect(checkEndpoint('WEBHOOK', url, local)).toMatchObject({ ok: false, reason: expect.stringMatching(/^the host is /) });
  });

  it.each([
    ['ftp://example.com/x', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['https://user:pw@example.com/', /credentials/],
    ['not a url', /absolute URL/],
    [`https://example.com/${'a'.repeat(2100)}`, /2048/],
  ])('refuses %s', (url, reason) => {
    expect(checkEndpoint('WEBHOOK', url, local)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe('e-mail endpoints', () => {
  it.each([
    ['ops@example.com', 'ops@example.com'],
    [' Ops.Team+reports@Example.COM ', 'Ops.Team+reports@example.com'],
  ])('accepts %j as %j', (input, normalised) => expect(checkEndpoint('EMAIL', input, aws)).toEqual({ ok: true, endpoint: normalised }));

  it.each([
    'ops',
    'ops@',
    '@example.com',
    'a b@example.com',
    'ops@example',
    'ops@example.com\r\nBcc: x@y.z',
    '"Ops" <ops@example.com>',
    `${'a'.repeat(250)}@example.com`,
  ])('refuses %j', (input) => expect(checkEndpoint('EMAIL', input, local).ok).toBe(false));
});

describe('blockedHostReason on resolved addresses', () => {
  it.each([
    ['169.254.169.254', local, /link-local/],
    ['fd00:ec2::254', local, /metadata/],
    ['::ffff:a9fe:a9fe', local, /link-local/],
    ['127.0.0.1', aws, /loopback/],
    ['::1', aws, /loopback/],
    ['fd12:3456::1', aws, /private/],
    ['192.168.1.10', aws, /private/],
    ['100.64.0.1', aws, /shared/],
  ])('%s is blocked', (address, rules, reason) => expect(blockedHostReason(address, rules)).toMatch(reason));

  it.each([
    ['127.0.0.1', local],
    ['::1', local],
    ['93.184.216.34', aws],
    ['2606:2800:220:1:248:1893:25c8:1946', aws],
  ])('%s is allowed', (address, rules) => expect(blockedHostReason(address, rules)).toBeNull());
});
