import { JsonText } from './json-text.js';

describe('JsonText', () => {
  it('keeps the text as it came and parses it on demand', () => {
    const json = new JsonText('{"a": [1, "two"], "n": 12.50}');
    expect(json.text).toBe('{"a": [1, "two"], "n": 12.50}');
    expect(json.value()).toEqual({ a: [1, 'two'], n: 12.5 });
  });

  it('serialises with JSON.stringify as the value it holds', () => {
    expect(JSON.stringify({ json: new JsonText('{"a": [1, "two"]}') })).toBe('{"json":{"a":[1,"two"]}}');
  });
});
