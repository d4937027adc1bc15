import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers every webhook delivery carries. */
export const WEBHOOK_HEADERS = {
  signature: 'x-pipeline-signature',
  timestamp: 'x-pipeline-timestamp',
  delivery: 'x-pipeline-delivery',
  event: 'x-pipeline-event',
} as const;

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`). Signing the timestamp with the body
 * lets a receiver refuse replays of an old delivery.
 * @example signWebhook(secret, '1764057600', '{"type":"daily_report"}')
 */
export function signWebhook(secret: string | Buffer, timestamp: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** What a receiver runs: constant-time comparison, and a timestamp no older than `toleranceSeconds`. */
export function verifyWebhookSignature(
  secret: string | Buffer,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string | Buffer,
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): boolean {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
