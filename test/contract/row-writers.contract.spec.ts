import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvalidKeyError } from '@pipeline/domain/errors.js';
import { ObjectStoreJsonLinesWriter } from '@pipeline/adapters/jsonl/object-store-json-lines-writer.js';
import { LocalFolderObjectStore } from '@pipeline/adapters/local-fs/local-folder-object-store.js';
import { listKeys } from './suites/object-store.contract-suite.js';
import { describeRowWritersContract, rows, target } from './suites/row-writers.contract-suite.js';

describeRowWritersContract('LocalFolderObjectStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'row-writers-'));
  return {
    store: new LocalFolderObjectStore(path.join(dir, 'store')),
    tmpDir: path.join(dir, 'spool'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('file sinks when the store fails mid-write', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'row-writers-failing-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('rejects the JSON Lines write or commit with the store error instead of hanging', async () => {
    const store = new LocalFolderObjectStore(path.join(dir, 'store'));
    // An object where the partition folder must go: the folder store cannot create the upload's folder.
    await store.put('processed/dataset=orders', 'in the way');
    const writer = await new ObjectStoreJsonLinesWriter(store).open(target('ing-1'));
    const run = async () => {
      for (let i = 0; i < 50; i += 1) await writer.write(rows('ing-1', i * 1_000 + 1, (i + 1) * 1_000));
      return writer.commit();
    };
    await expect(run()).rejects.toBeInstanceOf(InvalidKeyError);
    expect(await listKeys(store, '')).toEqual(['processed/dataset=orders']);
  });
});
