import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { blockedHostReason, type EndpointRules } from '@pipeline/domain/subscriptions/address-policy.js';

/** A connection refused because the name resolved to an address deliveries must never reach. */
export class BlockedAddressError extends Error {
  readonly code = 'BLOCKED_ADDRESS';
  constructor(host: string, address: string, reason: string) {
    super(`${host} resolves to ${address}, ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

/**
 * A `lookup` for http(s).request that checks every resolved address against the endpoint rules,
 * at connection time: a name validated at subscribe time cannot later be pointed (DNS rebinding)
 * at the metadata service.
 */
export function guardedLookup(rules: EndpointRules): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      for (const a of list) {
        const reason = blockedHostReason(a.address, rules);
        if (reason) return callback(new BlockedAddressError(hostname, a.address, reason), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
