import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvalidKeyError } from '@pipeline/domain/errors.js';
import { LocalFolderObjectStore, UploadUrlsNotConfiguredError } from '@pipeline/adapters/local-fs/local-folder-object-store.js';
import { verifyUploadToken } from '@pipeline/adapters/local-fs/upload-token.js';
import { describeObjectStoreContract, failingStream, HOSTILE_KEYS, listKeys, readAll } from './suites/object-store.contract-suite.js';

const signingKey = randomBytes(32);

describeObjectStoreContract('LocalFolderObjectStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'object-store-'));
  return {
    store: new LocalFolderObjectStore(path.join(dir, 'root'), { uploadBaseUrl: 'http://127.0.0.1:3000', signingKey }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

/** Every file below `dir`, relative, hidden ones included. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('LocalFolderObjectStore on disk', () => {
  let sandbox: string;
  let root: string;
  let outside: string;
  let store: LocalFolderObjectStore;

  beforeEach(async () => {
    sandbox = await mkdtemp(path.join(tmpdir(), 'object-store-local-'));
    root = path.join(sandbox, 'root');
    outside = path.join(sandbox, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.txt'), 'top secret');
    store = new LocalFolderObjectStore(root, { uploadBaseUrl: 'http://127.0.0.1:3000/', signingKey });
  });
  afterEach(() => rm(sandbox, { recursive: true, force: true }));

  it('stores key a/b/c as file <root>/a/b/c with an MD5 etag', async () => {
    const info = await store.put('raw/orders/a.csv', 'id\n1\n');
    expect(await readFile(path.join(root, 'raw/orders/a.csv'), 'utf8')).toBe('id\n1\n');
    expect(info.etag).toBe(createHash('md5').update('id\n1\n').digest('hex'));
  });

  it('keeps percent-encoded dots as a literal folder inside the root', async () => {
    await store.put('%2e%2e/x', 'literal');
    expect(await readFile(path.join(root, '%2e%2e', 'x'), 'utf8')).toBe('literal');
    expect(await readdir(sandbox)).toEqual(['outside', 'root']);
  });

  it('never writes outside the root for any hostile key', async () => {
    await store.put('raw/ok.txt', 'ok');
    for (const [, key] of HOSTILE_KEYS) await store.put(key, 'x').catch(() => undefined);
    expect((await readdir(sandbox)).sort()).toEqual(['outside', 'root']);
    expect(await filesUnder(outside)).toEqual(['secret.txt']);
    expect((await filesUnder(root)).sort()).toEqual(['raw/.ok.txt.~meta', 'raw/ok.txt']);
  });

  it('leaves no temp file behind when the input stream fails', async () => {
    await store.put('raw/orders/kept.csv', 'kept');
    await expect(store.put('raw/orders/broken.csv', failingStream(256 * 1024))).rejects.toThrow();
    expect((await filesUnder(root)).filter((f) => f.endsWith('.~tmp'))).toEqual([]);
    expect(await readdir(path.join(root, 'raw/orders'))).not.toContain('broken.csv');
  });

  describe('symlinks', () => {
    it('refuses a folder symlink that leads outside the root', async () => {
      await mkdir(path.join(root, 'raw'), { recursive: true });
      await symlink(outside, path.join(root, 'raw', 'evil'));
      await expect(store.put('raw/evil/planted.txt', 'x')).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store.get('raw/evil/secret.txt')).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store.head('raw/evil/secret.txt')).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store.delete('raw/evil/secret.txt')).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(listKeys(store, 'raw/evil/')).rejects.toBeInstanceOf(InvalidKeyError);
      expect(await filesUnder(outside)).toEqual(['secret.txt']);
    });

    it('refuses a file symlink that leads outside, and deleting it removes only the link', async () => {
      await mkdir(path.join(root, 'raw'), { recursive: true });
      await symlink(path.join(outside, 'secret.txt'), path.join(root, 'raw', 'link.txt'));
      await expect(store.get('raw/link.txt')).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store.head('raw/link.txt')).rejects.toBeInstanceOf(InvalidKeyError);
      expect(await listKeys(store, '')).toEqual([]);
      await store.delete('raw/link.txt');
      expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('top secret');
    });

    it('follows a symlink that stays inside the root', async () => {
      await store.put('raw/real/a.txt', 'inside');
      await symlink(path.join(root, 'raw', 'real'), path.join(root, 'raw', 'alias'));
      expect((await readAll(await store.get('raw/alias/a.txt'))).toString()).toBe('inside');
    });
  });

  describe('etag sidecars', () => {
    it('recomputes the etag when the file changed behind the store', async () => {
      await store.put('raw/x.txt', 'before');
      await writeFile(path.join(root, 'raw/x.txt'), 'changed by hand');
      expect((await store.head('raw/x.txt'))!.etag).toBe(createHash('md5').update('changed by hand').digest('hex'));
    });

    it('describes a file copied in by hand and hides its own files from list', async () => {
      await mkdir(path.join(root, 'inbox'), { recursive: true });
      await writeFile(path.join(root, 'inbox', 'dropped.csv'), 'a,b\n');
      const keys: string[] = [];
      for await (const info of store.list('inbox/')) {
        keys.push(info.key);
        expect(info.etag).toBe(createHash('md5').update('a,b\n').digest('hex'));
      }
      expect(keys).toEqual(['inbox/dropped.csv']);
      expect((await filesUnder(path.join(root, 'inbox'))).sort()).toEqual(['.dropped.csv.~meta', 'dropped.csv']);
    });

    it('removes the sidecar with the object', async () => {
      await store.put('raw/x.txt', 'x');
      await store.delete('raw/x.txt');
      expect(await filesUnder(root)).toEqual([]);
    });
  });

  describe('keys a folder cannot hold', () => {
    it('rejects a key below an existing object and a key naming a folder of objects', async () => {
      await store.put('raw/a', 'file');
      await expect(store.put('raw/a/b', 'x')).rejects.toBeInstanceOf(InvalidKeyError);
      await store.put('raw/c/d', 'file');
      await expect(store.put('raw/c', 'x')).rejects.toBeInstanceOf(InvalidKeyError);
      expect(await listKeys(store, '')).toEqual(['raw/a', 'raw/c/d']);
    });

    it('rejects the suffixes it reserves for its own files', async () => {
      await expect(store.put('raw/a.~tmp', 'x')).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store.put('raw/.a.~meta', 'x')).rejects.toBeInstanceOf(InvalidKeyError);
    });
  });

  describe('upload URLs', () => {
    it('signs a token the API can verify', async () => {
      const upload = await store.createUploadUrl('raw/orders/a.csv', { expiresInSeconds: 900, maxBytes: 5_000, contentType: 'text/csv' });
      const match = /^http:\/\/127\.0\.0\.1:3000\/uploads\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(upload.url);
      expect(match).not.toBeNull();
      expect(upload.headers).toEqual({ 'content-type': 'text/csv' });
      expect(verifyUploadToken(match![1], signingKey, new Date())).toEqual({
        ok: true,
        key: 'raw/orders/a.csv',
        maxBytes: 5_000,
        contentType: 'text/csv',
      });
      expect(verifyUploadToken(match![1], signingKey, new Date(upload.expiresAt.getTime() + 1_000))).toEqual({
        ok: false,
        reason: 'expired',
      });
    });

    it('says clearly when upload URLs are not configured', async () => {
      const plain = new LocalFolderObjectStore(root);
      await expect(plain.createUploadUrl('raw/a.csv', { expiresInSeconds: 60, maxBytes: 1 })).rejects.toBeInstanceOf(
        UploadUrlsNotConfiguredError,
      );
    });
  });
});
