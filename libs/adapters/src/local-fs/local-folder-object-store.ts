import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InvalidKeyError, NotFoundError } from '@pipeline/domain/errors.js';
import { ObjectStore, type ObjectInfo, type PutOptions, type UploadUrl } from '@pipeline/domain/ports/object-store.js';
import { writeBody } from './atomic-file-write.js';
import { FolderRoot } from './folder-root.js';
import { walkObjects } from './folder-listing.js';
import { translateFsError, errorCode } from './fs-errors.js';
import { validateListPrefix, validateObjectKey } from './object-key.js';
import { describeObject, removeSidecar, tempPathBeside, writeSidecar } from './object-sidecar.js';
import { signUploadToken } from './upload-token.js';

export interface LocalFolderObjectStoreOptions {
  /** Base of upload URLs, e.g. `http://127.0.0.1:3000`; URLs are `<base>/uploads/<token>`. */
  readonly uploadBaseUrl?: string;
  /** HMAC-SHA256 key for upload tokens; the API verifies them with `verifyUploadToken`. */
  readonly signingKey?: Buffer;
  /** fsync each object before it is renamed into place (default false: a crash may lose the last writes, never expose a partial one). */
  readonly fsync?: boolean;
}

/** Thrown by `createUploadUrl` when the store was built without `uploadBaseUrl` and `signingKey`. */
export class UploadUrlsNotConfiguredError extends Error {
  readonly code = 'UPLOAD_URLS_NOT_CONFIGURED';
  constructor() {
    super('upload URLs need LocalFolderObjectStore options uploadBaseUrl and signingKey');
    this.name = 'UploadUrlsNotConfiguredError';
  }
}

/**
 * ObjectStore over a local folder: key `a/b/c` is file `<root>/a/b/c`. Writes go to a hidden temp
 * file in the target folder and are renamed into place, so readers see the old object or the new
 * one, never part of one. ETags are MD5 hex, kept in a hidden sidecar beside each object.
 */
@Injectable()
export class LocalFolderObjectStore extends ObjectStore {
  private readonly root: FolderRoot;

  constructor(
    rootDir: string,
    private readonly options: LocalFolderObjectStoreOptions = {},
  ) {
    super();
    this.root = new FolderRoot(rootDir);
  }

  async get(key: string): Promise<Readable> {
    const real = await this.existingPath(key);
    const handle = await open(real, 'r').catch((error: unknown) => {
      throw errorCode(error) === 'ENOENT' ? new NotFoundError(`object ${key} not found`) : translateFsError(error, `get ${key}`);
    });
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      throw new NotFoundError(`object ${key} not found`);
    }
    return handle.createReadStream();
  }

  async put(key: string, body: Readable | Buffer | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const logical = await this.root.pathFor(key, validateObjectKey(key));
    const target = path.join(await this.prepareFolder(key, path.dirname(logical)), path.basename(logical));
    const temp = tempPathBeside(target);
    try {
      const written = await writeBody(temp, body, this.options.fsync ?? false);
      const stats = await stat(temp);
      await rename(temp, target).catch((error: unknown) => {
        throw errorCode(error) === 'EISDIR' ? new InvalidKeyError(key, 'a folder of other objects has this name') : error;
      });
      await writeSidecar(target, stats, { etag: written.etag, contentType: options.contentType, metadata: options.metadata });
      return { key, size: written.size, etag: written.etag, lastModified: stats.mtime, ...contentTypeOf(options) };
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw translateFsError(error, `put ${key}`);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const real = await this.existingPath(key);
    try {
      const stats = await stat(real);
      return stats.isFile() ? await describeObject(key, real, stats) : null;
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
      throw translateFsError(error, `head ${key}`);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const folders = validateListPrefix(prefix);
    const dir = await this.root.pathFor(prefix, folders);
    await this.root.assertNoEscape(prefix, dir);
    yield* walkObjects(dir, folders.length === 0 ? '' : `${folders.join('/')}/`, prefix);
  }

  async delete(key: string): Promise<void> {
    const target = await this.root.pathFor(key, validateObjectKey(key));
    // Only the folder is resolved: unlinking a symlink removes the link, never what it points to.
    await this.root.assertNoEscape(key, path.dirname(target));
    try {
      await unlink(target);
    } catch (error) {
      // A missing object, or a key that names a folder of other objects: nothing to delete.
      if (!['ENOENT', 'ENOTDIR', 'EISDIR', 'EPERM'].includes(errorCode(error) ?? '')) throw translateFsError(error, `delete ${key}`);
    }
    await removeSidecar(target).catch((error: unknown) => {
      throw translateFsError(error, `delete ${key}`);
    });
  }

  async createUploadUrl(key: string, options: { expiresInSeconds: number; maxBytes: number; contentType?: string }): Promise<UploadUrl> {
    validateObjectKey(key);
    const { uploadBaseUrl, signingKey } = this.options;
    if (!uploadBaseUrl || !signingKey) throw new UploadUrlsNotConfiguredError();
    if (!(options.expiresInSeconds > 0) || !Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0) {
      throw new RangeError('expiresInSeconds must be positive and maxBytes a positive integer');
    }
    const exp = Math.floor(Date.now() / 1000 + options.expiresInSeconds);
    const token = signUploadToken({ key, exp, maxBytes: options.maxBytes, ...contentTypeOf(options) }, signingKey);
    return {
      url: `${uploadBaseUrl.replace(/\/+$/, '')}/uploads/${token}`,
      method: 'PUT',
      expiresAt: new Date(exp * 1000),
      headers: options.contentType === undefined ? {} : { 'content-type': options.contentType },
    };
  }

  /** The real path of an object that may exist, checked to stay inside the root. */
  private async existingPath(key: string): Promise<string> {
    const target = await this.root.pathFor(key, validateObjectKey(key));
    return (await this.root.assertNoEscape(key, target)) ?? target;
  }

  /** Creates the object's folder and returns its real path, refusing folders reached through outside symlinks. */
  private async prepareFolder(key: string, folder: string): Promise<string> {
    await this.root.assertNoEscape(key, folder);
    await mkdir(folder, { recursive: true }).catch((error: unknown) => {
      const code = errorCode(error);
      throw code === 'EEXIST' || code === 'ENOTDIR'
        ? new InvalidKeyError(key, 'a folder segment is an existing object')
        : translateFsError(error, `put ${key}`);
    });
    return (await this.root.assertNoEscape(key, folder)) ?? folder;
  }
}

function contentTypeOf(options: { contentType?: string }): { contentType?: string } {
  return options.contentType === undefined ? {} : { contentType: options.contentType };
}
