import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { InvalidKeyError, NotFoundError, isPortError } from '@pipeline/domain/errors.js';
import type { ObjectInfo, ObjectStore } from '@pipeline/domain/ports/object-store.js';

export interface ObjectStoreFixture {
  readonly store: ObjectStore;
  /** Removes whatever the fixture created (folder, bucket …). */
  cleanup(): Promise<void>;
}

/** Keys that try to leave the store's namespace; every adapter must refuse them with InvalidKeyError. */
export const HOSTILE_KEYS: readonly (readonly [string, string])[] = [
  ['parent segment', '../x'],
  ['parent segments deep inside', 'raw/../../etc/passwd'],
  ['trailing parent segment', 'raw/..'],
  ['absolute path', '/etc/passwd'],
  ['empty segment', 'raw//x'],
  ['trailing slash', 'raw/x/'],
  ['dot segment', 'raw/./x'],
  ['backslash', 'raw\\x'],
  ['backslash traversal', 'raw\\..\\..\\x'],
  ['NUL character', 'raw/\u0000x'],
  ['newline', 'raw/a\nb'],
  ['segment over 255 bytes', `raw/${'a'.repeat(256)}`],
  ['segment over 255 bytes in UTF-8', `raw/${'é'.repeat(128)}`],
  ['empty key', ''],
];

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
}

async function listInfos(store: ObjectStore, prefix: string): Promise<ObjectInfo[]> {
  const infos: ObjectInfo[] = [];
  for await (const info of store.list(prefix)) infos.push(info);
  return infos;
}

/** A body that yields some bytes, then fails the way a dropped upload connection does. */
export function failingStream(afterBytes = 64 * 1024): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(randomBytes(afterBytes));
      } else {
        this.destroy(new Error('connection reset by client'));
      }
    },
  });
}

/**
 * The ObjectStore contract: every adapter (local folder, S3) runs this suite unchanged.
 * @example describeObjectStoreContract('LocalFolderObjectStore', async () => ({ store, cleanup }))
 */
export function describeObjectStoreContract(name: string, makeFixture: () => Promise<ObjectStoreFixture>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let fixture: ObjectStoreFixture;
    let store: ObjectStore;

    beforeEach(async () => {
      fixture = await makeFixture();
      store = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    describe('put and get', () => {
      it('round-trips a string as UTF-8 and reports its byte size', async () => {
        const text = 'id,name\n1,Zoë 🦆\n';
        const info = await store.put('raw/orders/a.csv', text, { contentType: 'text/csv' });
        expect(info).toMatchObject({ key: 'raw/orders/a.csv', size: Buffer.byteLength(text) });
        expect((await readAll(await store.get('raw/orders/a.csv'))).toString('utf8')).toBe(text);
      });

      it('round-trips every byte value of a Buffer exactly', async () => {
        const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
        await store.put('raw/bin/all-bytes.bin', bytes);
        expect((await readAll(await store.get('raw/bin/all-bytes.bin'))).equals(bytes)).toBe(true);
      });

      it('round-trips a multi-chunk stream exactly', async () => {
        const chunks = Array.from({ length: 24 }, () => randomBytes(128 * 1024));
        const info = await store.put('raw/bin/stream.bin', Readable.from(chunks));
        const expected = Buffer.concat(chunks);
        expect(info.size).toBe(expected.length);
        expect((await readAll(await store.get('raw/bin/stream.bin'))).equals(expected)).toBe(true);
      });

      it('creates the intermediate folders of a deep key', async () => {
        await store.put('processed/dataset=orders/ingest_date=2026-11-26/x.jsonl', '{}\n');
        expect(await listKeys(store, 'processed/')).toEqual(['processed/dataset=orders/ingest_date=2026-11-26/x.jsonl']);
      });

      it('replaces an object on overwrite and changes its etag', async () => {
        const first = await store.put('raw/orders/a.csv', 'first');
        const second = await store.put('raw/orders/a.csv', 'second, longer');
        expect(second.etag).not.toBe(first.etag);
        expect((await readAll(await store.get('raw/orders/a.csv'))).toString()).toBe('second, longer');
        expect(await listKeys(store, 'raw/')).toEqual(['raw/orders/a.csv']);
      });

      it('gives equal content equal etags', async () => {
        const a = await store.put('raw/x/a', 'same bytes');
        const b = await store.put('raw/x/b', Buffer.from('same bytes'));
        expect(a.etag).toBe(b.etag);
        expect(a.etag).toMatch(/^[0-9a-f]{32}$/);
      });
    });

    describe('head', () => {
      it('describes an object as put reported it', async () => {
        const put = await store.put('raw/orders/a.csv', 'id\n1\n', { contentType: 'text/csv' });
        const head = await store.head('raw/orders/a.csv');
        expect(head).toMatchObject({ key: 'raw/orders/a.csv', size: 5, etag: put.etag, contentType: 'text/csv' });
        // Not toBeInstanceOf(Date): dates made by Node's fs belong to another realm than jest's test context.
        expect(Object.prototype.toString.call(head!.lastModified)).toBe('[object Date]');
        expect(Math.abs(head!.lastModified.getTime() - Date.now())).toBeLessThan(5 * 60_000);
      });

      it('returns null for a missing key, and for a key that is only a folder of other keys', async () => {
        await store.put('raw/orders/a.csv', 'x');
        expect(await store.head('raw/orders/missing.csv')).toBeNull();
        expect(await store.head('raw/orders')).toBeNull();
      });
    });

    describe('list', () => {
      const keys = ['l/z', 'l/a/c', 'l/ä', 'l/a-b', 'l/A', 'l/a/b', 'l/a.b', 'other/x'];

      beforeEach(async () => {
        for (const key of keys) await store.put(key, key);
      });

      it('lists every object under a prefix recursively, in UTF-8 byte order of the key', async () => {
        expect(await listKeys(store, 'l/')).toEqual(['l/A', 'l/a-b', 'l/a.b', 'l/a/b', 'l/a/c', 'l/z', 'l/ä']);
      });

      it('matches a prefix that ends inside a segment', async () => {
        expect(await listKeys(store, 'l/a')).toEqual(['l/a-b', 'l/a.b', 'l/a/b', 'l/a/c']);
        expect(await listKeys(store, 'l/a/')).toEqual(['l/a/b', 'l/a/c']);
      });

      it('lists everything for an empty prefix and nothing for an unknown one', async () => {
        expect(await listKeys(store, '')).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
        expect(await listKeys(store, 'nothing/here/')).toEqual([]);
      });

      it('reports size and the same etag as head', async () => {
        const [info] = await listInfos(store, 'l/z');
        expect(info).toMatchObject({ key: 'l/z', size: 3, etag: (await store.head('l/z'))!.etag });
      });

      it('rejects a prefix that climbs out of the store', async () => {
        await expect(listKeys(store, '../')).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(listKeys(store, 'l/../../')).rejects.toBeInstanceOf(InvalidKeyError);
      });
    });

    describe('delete', () => {
      it('removes an object', async () => {
        await store.put('raw/orders/a.csv', 'x');
        await store.delete('raw/orders/a.csv');
        expect(await store.head('raw/orders/a.csv')).toBeNull();
        expect(await listKeys(store, '')).toEqual([]);
        await expect(store.get('raw/orders/a.csv')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('treats deleting a missing object as done', async () => {
        await expect(store.delete('raw/orders/never.csv')).resolves.toBeUndefined();
      });
    });

    describe('missing objects', () => {
      it('get throws NotFoundError with code NOT_FOUND', async () => {
        const error: unknown = await store.get('raw/orders/missing.csv').then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(NotFoundError);
        expect(isPortError(error) && error.code).toBe('NOT_FOUND');
      });
    });

    describe('atomic writes', () => {
      it('leaves no object when the input stream fails', async () => {
        await expect(store.put('raw/orders/broken.csv', failingStream())).rejects.toThrow('connection reset by client');
        expect(await store.head('raw/orders/broken.csv')).toBeNull();
        expect(await listKeys(store, '')).toEqual([]);
      });

      it('keeps the previous version when an overwrite fails', async () => {
        await store.put('raw/orders/a.csv', 'good');
        await expect(store.put('raw/orders/a.csv', failingStream())).rejects.toThrow();
        expect((await readAll(await store.get('raw/orders/a.csv'))).toString()).toBe('good');
        expect(await listKeys(store, '')).toEqual(['raw/orders/a.csv']);
      });
    });

    describe('hostile keys', () => {
      it.each(HOSTILE_KEYS)('rejects %s for put, get, head and delete', async (_label, key) => {
        await expect(store.put(key, 'x')).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.get(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.head(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.createUploadUrl(key, { expiresInSeconds: 60, maxBytes: 10 })).rejects.toBeInstanceOf(InvalidKeyError);
        expect(await listKeys(store, '')).toEqual([]);
      });

      it('treats percent-encoded dots as a literal name inside the store', async () => {
        await store.put('%2e%2e/x', 'literal');
        expect((await readAll(await store.get('%2e%2e/x'))).toString()).toBe('literal');
        expect(await listKeys(store, '')).toEqual(['%2e%2e/x']);
        expect(await store.head('x')).toBeNull();
      });

      it('accepts unicode names and a segment of exactly 255 bytes', async () => {
        const long = `raw/${'b'.repeat(255)}`;
        await store.put('raw/ünïcødé 🦆.csv', 'u');
        await store.put(long, 'l');
        expect(await listKeys(store, 'raw/')).toEqual([long, 'raw/ünïcødé 🦆.csv']);
      });
    });

    describe('upload URLs', () => {
      it('returns a PUT URL that expires when asked', async () => {
        const before = Date.now();
        const url = await store.createUploadUrl('raw/orders/a.csv', {
          expiresInSeconds: 900,
          maxBytes: 1_000_000,
          contentType: 'text/csv',
        });
        expect(url.method).toBe('PUT');
        expect(() => new URL(url.url)).not.toThrow();
        expect(url.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 899_000);
        expect(url.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 901_000);
      });
    });
  });
}
