import { InvalidKeyError } from '@pipeline/domain/errors.js';
import { BucketMap } from './bucket-map.js';

const map = new BucketMap({ raw: 'b-raw', processed: 'b-out', quarantine: 'b-out', reports: undefined }, undefined, {
  reports: 'REPORTS_BUCKET',
});

describe('BucketMap', () => {
  it('picks the bucket from the first key segment', () => {
    expect(map.bucketFor('raw/orders/a.csv')).toBe('b-raw');
    expect(map.bucketFor('quarantine/dataset=x/y.jsonl')).toBe('b-out');
  });

  it('names the variable to set for an area without a bucket', () => {
    expect(() => map.bucketFor('reports/2026-11-25/r.html')).toThrow(InvalidKeyError);
    expect(() => map.bucketFor('reports/2026-11-25/r.html')).toThrow('set REPORTS_BUCKET');
  });

  it('finds every bucket a short prefix may reach, once each', () => {
    expect(map.bucketsFor('')).toEqual(['b-raw', 'b-out']);
    expect(map.bucketsFor('r')).toEqual(['b-raw']);
    expect(map.bucketsFor('q')).toEqual(['b-out']);
    expect(map.bucketsFor('processed/dataset=x/')).toEqual(['b-out']);
    expect(new BucketMap({ raw: 'b-raw' }, 'b-any').bucketsFor('zzz')).toEqual(['b-any']);
  });

  it('says whether an object found in a bucket belongs there', () => {
    expect(map.holds('b-out', 'processed/x')).toBe(true);
    expect(map.holds('b-raw', 'processed/x')).toBe(false);
  });
});
