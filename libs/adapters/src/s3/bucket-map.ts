import { InvalidKeyError } from '@pipeline/domain/errors.js';

/**
 * Which bucket holds which area. Keys keep their area prefix inside the bucket
 * (`raw/orders/a.csv` is object `raw/orders/a.csv` in the raw bucket), so an object's key is the
 * same everywhere: in events, in S3 notifications and in the local folder store.
 * @example new BucketMap({ raw: 'p-raw', processed: 'p-processed', quarantine: 'p-processed' }).bucketFor('raw/a.csv') // 'p-raw'
 */
export class BucketMap {
  private readonly byArea: ReadonlyMap<string, string>;

  constructor(
    byArea: Readonly<Record<string, string | undefined>>,
    /** Bucket for areas not named in `byArea`; without it such keys are refused. */
    private readonly fallback?: string,
    /** What to tell the operator when an area has no bucket: area → the variable to set. */
    private readonly hints: Readonly<Record<string, string>> = {},
  ) {
    this.byArea = new Map(Object.entries(byArea).filter((e): e is [string, string] => Boolean(e[1])));
  }

  /** The bucket of a (validated) key. */
  bucketFor(key: string): string {
    const area = key.split('/', 1)[0];
    const bucket = this.byArea.get(area) ?? this.fallback;
    if (!bucket)
      throw new InvalidKeyError(key, `no bucket is configured for area "${area}"${this.hints[area] ? ` (set ${this.hints[area]})` : ''}`);
    return bucket;
  }

  /** The distinct buckets that can hold keys starting with `prefix` (several when the prefix is shorter than an area). */
  bucketsFor(prefix: string): string[] {
    const slash = prefix.indexOf('/');
    if (slash >= 0) return [this.bucketFor(prefix)];
    const buckets = [...this.byArea].filter(([area]) => area.startsWith(prefix)).map(([, bucket]) => bucket);
    if (this.fallback) buckets.push(this.fallback);
    return [...new Set(buckets)];
  }

  /** True when `key`, found in `bucket`, is an object of this store (a stray object of another area is not). */
  holds(bucket: string, key: string): boolean {
    const area = key.split('/', 1)[0];
    return (this.byArea.get(area) ?? this.fallback) === bucket;
  }
}
