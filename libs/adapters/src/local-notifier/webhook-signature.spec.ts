import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const secret = 'test-secret';
const body = '{"type":"daily_report","date":"2026-11-25"}';

describe('webhook signatures', () => {
  it('is HMAC-SHA256 of "<timestamp>.<body>" in hex, prefixed sha256=', () => {
    const expected = createHmac('sha256', secret).update(`1764057600.${body}`).digest('hex');
    expect(signWebhook(secret, '1764057600', body)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh, untouched delivery and nothing else', () => {
    const timestamp = '1764057600';
    const signature = signWebhook(secret, timestamp, body);
    const at = { nowSeconds: 1764057600 + 60 };
    expect(verifyWebhookSignature(secret, { signature, timestamp }, body, at)).toBe(true);
    expect(verifyWebhookSignature(secret, { signature, timestamp }, body.replace('25', '26'), at)).toBe(false);
    expect(verifyWebhookSignature('other', { signature, timestamp }, body, at)).toBe(false);
    expect(verifyWebhookSignature(secret, { signature, timestamp: '1764057601' }, body, at)).toBe(false);
    expect(verifyWebhookSignature(secret, { signature, timestamp }, body, { nowSeconds: 1764057600 + 301 })).toBe(false);
    expect(verifyWebhookSignature(secret, { signature: undefined, timestamp }, body, at)).toBe(false);
    expect(verifyWebhookSignature(secret, { signature: signature.slice(0, -1), timestamp }, body, at)).toBe(false);
  });
});
