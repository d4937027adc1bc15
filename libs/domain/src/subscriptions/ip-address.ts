/** Textual IP addresses as numbers, for range checks. Hostnames return null from both parsers. */

export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : null;
}

/** Eight 16-bit groups; accepts `::` compression and a dotted IPv4 tail (`::ffff:1.2.3.4`). Brackets and zone ids are stripped. */
export function parseIpv6(text: string): number[] | null {
  const value = withHexTail(text.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (value === null || !value.includes(':')) return null;
  const groups = expandCompression(value);
  if (groups === null || groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/** `::ffff:1.2.3.4` → `::ffff:102:304`; null when the dotted tail is not an IPv4 address. */
function withHexTail(value: string): string | null {
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (!tail || !value.includes(':')) return value;
  const v4 = parseIpv4(tail[1]);
  if (!v4) return null;
  return value.slice(0, -tail[1].length) + `${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
}

/** The groups with `::` expanded to zeros, or null when the compression is malformed. */
function expandCompression(value: string): string[] | null {
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  if (halves.length === 1) return head;
  const tail = halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  return missing < 0 ? null : [...head, ...Array<string>(missing).fill('0'), ...tail];
}

export function inIpv4Range(ip: readonly number[], base: readonly number[], prefix: number): boolean {
  const toInt = (o: readonly number[]) => ((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3];
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return (toInt(ip) & mask) >>> 0 === (toInt(base) & mask) >>> 0;
}

export function inIpv6Range(ip: readonly number[], base: readonly number[], prefix: number): boolean {
  for (let i = 0, bits = prefix; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((ip[i] & mask) !== (base[i] & mask)) return false;
  }
  return true;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) IPv6 address. */
export function embeddedIpv4(ip: readonly number[]): number[] | null {
  const mapped = ip.slice(0, 5).every((g) => g === 0) && ip[5] === 0xffff;
  const nat64 = ip[0] === 0x64 && ip[1] === 0xff9b && ip.slice(2, 6).every((g) => g === 0);
  return mapped || nat64 ? [ip[6] >> 8, ip[6] & 0xff, ip[7] >> 8, ip[7] & 0xff] : null;
}
