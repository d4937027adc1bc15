import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { EndpointRules } from '@pipeline/domain/subscriptions/address-policy.js';
import { blockedHostReason } from '@pipeline/domain/subscriptions/address-policy.js';
import { parseIpv4, parseIpv6 } from '@pipeline/domain/subscriptions/ip-address.js';
import { BlockedAddressError, guardedLookup } from './guarded-lookup.js';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';

export interface WebhookOptions {
  readonly secret: string;
  readonly rules: EndpointRules;
  /** Waits before the 2nd, 3rd, … attempt; its length + 1 is the number of attempts. */
  readonly retryDelaysMs: readonly number[];
  readonly timeoutMs: number;
}

export type WebhookOutcome =
  | { readonly ok: true; readonly attempts: number; readonly status: number }
  | { readonly ok: false; readonly attempts: number; readonly error: string };

/**
 * POSTs signed JSON to one webhook with retries and exponential backoff. Retries network errors,
 * timeouts, 408, 429 and 5xx; any other answer is final. Redirects are not followed (a 3xx fails),
 * so a webhook cannot bounce the delivery to an internal address.
 */
export class WebhookSender {
  constructor(private readonly options: WebhookOptions) {}

  async send(url: string, body: string, meta: { deliveryId: string; event: string }): Promise<WebhookOutcome> {
    let lastError = '';
    const attempts = this.options.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(this.options.retryDelaysMs[attempt - 2]);
      try {
        const status = await this.post(url, body, meta);
        if (status >= 200 && status < 300) return { ok: true, attempts: attempt, status };
        lastError = `HTTP ${status}`;
        if (!retryable(status)) return { ok: false, attempts: attempt, error: lastError };
      } catch (error) {
        lastError = (error as Error).message;
        if ((error as { code?: string }).code === 'BLOCKED_ADDRESS') return { ok: false, attempts: attempt, error: lastError };
      }
    }
    return { ok: false, attempts, error: `${lastError} (after ${attempts} attempts)` };
  }

  private post(url: string, body: string, meta: { deliveryId: string; event: string }): Promise<number> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const target = new URL(url);
    // An IP literal never goes through `lookup`: check it here (names are checked as they resolve).
    const literal = isIpLiteral(target.hostname) ? blockedHostReason(target.hostname, this.options.rules) : null;
    if (literal) return Promise.reject(new BlockedAddressError(target.hostname, target.hostname, literal));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        target,
        {
          method: 'POST',
          lookup: guardedLookup(this.options.rules),
          timeout: this.options.timeoutMs,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'data-pipeline-reports/1',
            [WEBHOOK_HEADERS.timestamp]: timestamp,
            [WEBHOOK_HEADERS.signature]: signWebhook(this.options.secret, timestamp, body),
            [WEBHOOK_HEADERS.delivery]: meta.deliveryId,
            [WEBHOOK_HEADERS.event]: meta.event,
          },
        },
        (res: IncomingMessage) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

const isIpLiteral = (host: string): boolean => parseIpv4(host) !== null || parseIpv6(host) !== null;

const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
