import { countLineFeeds, firstInvalidUtf8 } from './utf8-validation.js';

describe('firstInvalidUtf8', () => {
  it.each([
    ['ASCII', [0x61, 0x62], false, -1],
    ['2-, 3- and 4-byte characters', [...Buffer.from('é東🦊')], false, -1],
    ['a character cut by the end, more to come', [0x61, 0xf0, 0x9f], false, -1],
    ['a character cut by the end of the input', [0x61, 0xf0, 0x9f], true, 1],
    ['Latin-1 é', [0x61, 0xe9, 0x61], false, 1],
    ['lone continuation byte', [0x80], false, 0],
    ['overlong 2-byte', [0x61, 0xc1, 0xbf], false, 1],
    ['overlong 3-byte', [0xe0, 0x80, 0x80], false, 0],
    ['surrogate', [0x61, 0x61, 0xed, 0xa0, 0x80], false, 2],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], false, 0],
    ['lead byte 0xF5', [0xf5, 0x80, 0x80, 0x80], false, 0],
    ['lead byte followed by ASCII', [0x61, 0xe2, 0x28, 0xa1], false, 1],
  ])('%s', (_label, bytes, final, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes), final)).toBe(offset);
  });
});

describe('countLineFeeds', () => {
  it('counts LF bytes before the end offset', () => {
    const bytes = Buffer.from('a\nb\r\nc\n');
    expect(countLineFeeds(bytes)).toBe(3);
    expect(countLineFeeds(bytes, 4)).toBe(1);
    expect(countLineFeeds(bytes, 0)).toBe(0);
  });
});
