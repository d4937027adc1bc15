/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1.
 * Only used after TextDecoder has already rejected a chunk, to say where: speed does not matter.
 * A sequence cut off by the end of `bytes` counts as well-formed unless `final`.
 */
export function firstInvalidUtf8(bytes: Uint8Array, final: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    if (i + length > bytes.length) return final ? i : -1;
    i += length;
  }
  return -1;
}

// Length of the well-formed sequence starting at i (counting bytes past the end as valid), 0 when malformed.
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  if (lead < 0x80) return 1;
  const [length, min, max] = leadRange(lead);
  if (length === 0) return 0;
  for (let k = 1; k < length && i + k < bytes.length; k++) {
    const byte = bytes[i + k];
    const [low, high] = k === 1 ? [min, max] : [0x80, 0xbf];
    if (byte < low || byte > high) return 0;
  }
  return length;
}

// Sequence length and allowed range of the second byte (excludes overlongs, surrogates, > U+10FFFF).
function leadRange(lead: number): [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

/** Number of LF bytes in bytes[0, end). */
export function countLineFeeds(bytes: Uint8Array, end = bytes.length): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}
