import { InvalidKeyError } from '@pipeline/domain/errors.js';
import { isInternalFileName, validateListPrefix, validateObjectKey } from './object-key.js';

describe('validateObjectKey', () => {
  it.each([
    ['raw/orders/a.csv', ['raw', 'orders', 'a.csv']],
    ['%2e%2e/x', ['%2e%2e', 'x']],
    ['..x/y', ['..x', 'y']],
    ['a/.hidden', ['a', '.hidden']],
    ['raw/🦆', ['raw', '🦆']],
    [`k/${'é'.repeat(127)}`, ['k', 'é'.repeat(127)]],
  ])('accepts %j', (key, segments) => {
    expect(validateObjectKey(key)).toEqual(segments);
  });

  it.each([
    ['', 'empty key'],
    ['/etc/passwd', 'absolute path'],
    ['../x', '".." segment'],
    ['a/./b', '"." segment'],
    ['a//b', 'empty segment'],
    ['a/', 'empty segment'],
    ['a\\b', 'backslash'],
    ['a/\u0000', 'control character'],
    ['a/\u007f', 'control character'],
    ['a/\ud800b', 'unpaired surrogate'],
    [`a/${'x'.repeat(256)}`, 'segment longer than 255 bytes'],
    [Array.from({ length: 5 }, () => 'x'.repeat(250)).join('/'), 'longer than 1024 bytes'],
    ['a/b.~tmp', 'reserved'],
    ['a/.b.~meta/c', 'reserved'],
  ])('rejects case %# (%s)', (key, reason) => {
    let error: unknown;
    try {
      validateObjectKey(key);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidKeyError);
    expect((error as InvalidKeyError).message).toContain(reason);
    expect((error as InvalidKeyError).code).toBe('INVALID_KEY');
  });
});

describe('validateListPrefix', () => {
  it.each([
    ['', []],
    ['raw/', ['raw']],
    ['processed/dataset=or', ['processed']],
    ['a/b/c', ['a', 'b']],
  ])('returns the folders to walk for %j', (prefix, folders) => {
    expect(validateListPrefix(prefix)).toEqual(folders);
  });

  it.each(['../', 'a/../', '..', 'a/..', '/abs', 'a//', 'a\\', 'a/\u0001'])('rejects %j', (prefix) => {
    expect(() => validateListPrefix(prefix)).toThrow(InvalidKeyError);
  });
});

describe('isInternalFileName', () => {
  it.each([
    ['.~0b7c.~tmp', true],
    ['.a.csv.~meta', true],
    ['a.csv', false],
    ['meta', false],
  ])('%j → %s', (name, internal) => {
    expect(isInternalFileName(name)).toBe(internal);
  });
});
