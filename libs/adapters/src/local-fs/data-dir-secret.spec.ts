import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirSecret } from './data-dir-secret.js';

describe('dataDirSecret: one key per data directory, whoever asks first', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'data-dir-secret-')), 'data');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('makes a 32-byte hex key readable only by its owner, and returns the same one afterwards', async () => {
    const key = await dataDirSecret(dir, 'upload-signing.key');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'upload-signing.key')).mode & 0o777).toBe(0o600);
    expect(await dataDirSecret(dir, 'upload-signing.key')).toBe(key);
    expect(readdirSync(dir)).toEqual(['upload-signing.key']); // no candidate files left behind
  });

  it('keeps a key that is already there', async () => {
    await dataDirSecret(dir, 'x.key');
    writeFileSync(join(dir, 'x.key'), `${'ab'.repeat(32)}\n`);
    expect(await dataDirSecret(dir, 'x.key')).toBe('ab'.repeat(32));
  });

  // The old code handed a caller that started a moment after the first an empty, half-written key (an
  // upload URL then failed its own signature check). The race is timing-dependent: staggered starts over
  // many rounds catch it often, not always; with the hard-linked key there is nothing to catch.
  it('gives callers starting one after another in a process the same whole key', async () => {
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    for (let round = 0; round < 300; round++) {
      const name = `race-${round}.key`;
      const calls: Promise<string>[] = [];
      for (let i = 0; i < 6; i++) {
        calls.push(dataDirSecret(dir, name));
        for (let t = 0; t < round % 4; t++) await tick();
      }
      const keys = await Promise.all(calls);
      expect({ round, distinct: new Set(keys).size, wellFormed: keys.every((k) => /^[0-9a-f]{64}$/.test(k)) }).toEqual({
        round,
        distinct: 1,
        wellFormed: true,
      });
    }
  });

  it('gives processes starting together the same key', async () => {
    // The compiled module (npm run build, which npm ci runs as prepare), in plain node processes.
    const compiled = join(process.cwd(), 'dist/libs/adapters/src/local-fs/data-dir-secret.js');
    if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run npm run build first`);
    const script = `import(${JSON.stringify(compiled)}).then((m) => m.dataDirSecret(${JSON.stringify(dir)}, 'shared.key')).then((k) => process.stdout.write(k))`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
      });
    const keys = await Promise.all(Array.from({ length: 4 }, run));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
  });
});
