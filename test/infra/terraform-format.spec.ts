import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWhenAvailable } from '@pipeline/testing/describe-when-available.js';
import { terraformDir } from './terraform-model.js';

const found = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).stdout.trim();
const missing = found ? undefined : 'the terraform binary is not on PATH';

function fmtCheck(dir: string) {
  // An empty CLI config keeps terraform from warning about a missing ~/.terraformrc.
  return spawnSync('terraform', ['fmt', '-check', '-recursive', '-diff', dir], {
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
  });
}

describeWhenAvailable('terraform fmt -check -recursive', missing, 'the terraform binary', () => {
  it('finds infra/terraform formatted', () => {
    const result = fmtCheck(terraformDir);
    expect({ status: result.status, diff: result.stdout }).toEqual({ status: 0, diff: '' });
  });

  it('fails on a misformatted file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-fmt-'));
    try {
      writeFileSync(join(dir, 'bad.tf'), 'variable "x" {\ndefault="y"\n}\n');
      expect(fmtCheck(dir).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
