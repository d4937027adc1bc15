import { embeddedIpv4, inIpv4Range, inIpv6Range, parseIpv4, parseIpv6 } from './ip-address.js';

/** What delivery endpoints may point at. Local mode allows plain http and this machine's networks. */
export interface EndpointRules {
  readonly allowPlainHttp: boolean;
  readonly allowPrivateNetworks: boolean;
}

type Range = readonly [base: string, prefix: number, reason: string];

// Never reachable from a subscription, in any mode: instance metadata services and link-local space.
const ALWAYS_V4: readonly Range[] = [
  ['169.254.0.0', 16, 'a link-local address (instance metadata lives here)'],
  ['0.0.0.0', 8, 'an unspecified address'],
  ['100.100.100.200', 32, 'a cloud metadata address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];
const PRIVATE_V4: readonly Range[] = [
  ['127.0.0.0', 8, 'a loopback address'],
  ['10.0.0.0', 8, 'a private address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.168.0.0', 16, 'a private address'],
  ['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
];
const ALWAYS_V6: readonly Range[] = [
  ['fd00:ec2::254', 128, 'the EC2 instance metadata address'],
  ['fe80::', 10, 'a link-local address'],
  ['ff00::', 8, 'a multicast address'],
  ['::', 128, 'an unspecified address'],
];
const PRIVATE_V6: readonly Range[] = [
  ['::1', 128, 'a loopback address'],
  ['fc00::', 7, 'a unique-local (private) address'],
];

const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/**
 * Why a host (a name or a literal address) must not receive deliveries, or null when it may.
 * Adapters also run every address a name resolves to through this before connecting.
 * @example blockedHostReason('169.254.169.254', rules) // 'a link-local address (instance metadata lives here)'
 */
export function blockedHostReason(host: string, rules: EndpointRules): string | null {
  const name = host.toLowerCase().replace(/\.$/, '');
  const v4 = parseIpv4(name);
  if (v4) return v4Reason(v4, rules);
  const v6 = parseIpv6(name);
  if (v6) {
    const inner = embeddedIpv4(v6);
    if (inner) return v4Reason(inner, rules);
    return (
      rangeReason(v6, ALWAYS_V6, parseIpv6, inIpv6Range) ??
      (rules.allowPrivateNetworks ? null : rangeReason(v6, PRIVATE_V6, parseIpv6, inIpv6Range))
    );
  }
  if (METADATA_HOSTS.has(name)) return 'a cloud metadata host';
  if (!rules.allowPrivateNetworks && (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.internal')))
    return 'a local or internal host';
  return null;
}

function v4Reason(ip: number[], rules: EndpointRules): string | null {
  return (
    rangeReason(ip, ALWAYS_V4, parseIpv4, inIpv4Range) ??
    (rules.allowPrivateNetworks ? null : rangeReason(ip, PRIVATE_V4, parseIpv4, inIpv4Range))
  );
}

function rangeReason(
  ip: number[],
  ranges: readonly Range[],
  parse: (text: string) => number[] | null,
  within: (ip: number[], base: number[], prefix: number) => boolean,
): string | null {
  const hit = ranges.find(([base, prefix]) => within(ip, parse(base)!, prefix));
  return hit ? hit[2] : null;
}
