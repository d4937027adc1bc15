import { DEFAULT_TRANSFORMS } from '../contract/data-contract.js';
import { createValueCleaner } from './value-cleaning.js';

describe('createValueCleaner', () => {
  const clean = createValueCleaner(DEFAULT_TRANSFORMS);
  const untrimmed = createValueCleaner({ trim: false, nullTokens: ['missing'] });

  it.each<[string, unknown, unknown]>([
    ['trims', '  Alice ', 'Alice'],
    ['empty is null', '', null],
    ['blank is null', '   ', null],
    ['NULL', 'NULL', null],
    ['null, any case', 'nUlL', null],
    ['N/A padded', '  n/a ', null],
    ['None', 'none', null],
    ['dash', ' - ', null],
    ['a longer value containing a token stays', 'nullable', 'nullable'],
    ['undefined', undefined, null],
    ['null', null, null],
    ['numbers untouched', 0, 0],
    ['booleans untouched', false, false],
    ['objects untouched', { a: 1 }, { a: 1 }],
  ])('default transforms: %s', (_label, input, expected) => {
    expect(clean(input)).toEqual(expected);
  });

  it.each<[unknown, unknown]>([
    ['  keep  ', '  keep  '],
    [' MISSING ', null],
    ['', ''],
    ['null', 'null'],
  ])('custom tokens without trim: %j → %j', (input, expected) => {
    expect(untrimmed(input)).toEqual(expected);
  });
});
