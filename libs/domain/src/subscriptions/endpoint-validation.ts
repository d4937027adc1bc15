import { PortError } from '../errors.js';
import type { SubscriptionProtocol } from '../events/subscription-events.js';
import { blockedHostReason, type EndpointRules } from './address-policy.js';

export type EndpointCheck = { readonly ok: true; readonly endpoint: string } | { readonly ok: false; readonly reason: string };

/** A subscription endpoint that can never be delivered to; the message says why. */
export class InvalidEndpointError extends PortError {
  constructor(
    readonly endpoint: string,
    reason: string,
  ) {
    super('INVALID_INPUT', `invalid endpoint ${JSON.stringify(endpoint.slice(0, 200))}: ${reason}`);
  }
}

/**
 * Checks and normalises a subscription endpoint: a plain e-mail address, or a webhook URL that is
 * https (http only when the rules allow it), has no credentials in it and points at no blocked host.
 * @example checkEndpoint('WEBHOOK', 'https://hooks.example.com/x', rules) // { ok: true, endpoint: 'https://hooks.example.com/x' }
 */
export function checkEndpoint(protocol: SubscriptionProtocol, endpoint: string, rules: EndpointRules): EndpointCheck {
  return protocol === 'EMAIL' ? checkEmail(endpoint) : checkWebhook(endpoint, rules);
}

// Deliberately narrow: no quoted local parts, comments or display names, nothing that could smuggle a header.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function checkEmail(input: string): EndpointCheck {
  const value = input.trim();
  if (value.length > 254) return { ok: false, reason: 'an e-mail address has at most 254 characters' };
  if (!EMAIL.test(value)) return { ok: false, reason: 'expected a plain e-mail address like name@example.com' };
  const at = value.lastIndexOf('@');
  return { ok: true, endpoint: value.slice(0, at) + '@' + value.slice(at + 1).toLowerCase() };
}

function checkWebhook(input: string, rules: EndpointRules): EndpointCheck {
  const value = input.trim();
  if (value.length > 2048) return { ok: false, reason: 'a webhook URL has at most 2048 characters' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && rules.allowPlainHttp)) {
    return { ok: false, reason: rules.allowPlainHttp ? 'webhooks must use http or https' : 'webhooks must use https' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed (they would be logged)' };
  if (!url.hostname) return { ok: false, reason: 'the URL has no host' };
  const blocked = blockedHostReason(url.hostname, rules);
  if (blocked) return { ok: false, reason: `the host is ${blocked}` };
  url.hash = '';
  return { ok: true, endpoint: url.href };
}
