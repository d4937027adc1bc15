import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { schemaVariables, tracedVariables } from './config-schema.js';
import { loadTerraform, terraformDir, type TerraformConfig } from './terraform-model.js';

interface EnvironmentMap {
  readonly functions: Readonly<Record<string, readonly string[]>>;
  readonly notForLambda: Readonly<Record<string, string>>;
  readonly runtime: Readonly<Record<string, string>>;
}

const map = JSON.parse(readFileSync(join(terraformDir, 'lambda-environment.json'), 'utf8')) as EnvironmentMap;
const FUNCTIONS = ['api', 'processor', 'reporter'];

describe('Lambda environment: config schema ↔ lambda-environment.json ↔ Terraform', () => {
  let config: TerraformConfig;
  let terraformEnv: Record<string, Record<string, string>>;
  beforeAll(async () => {
    config = await loadTerraform();
    terraformEnv = Object.fromEntries(FUNCTIONS.map((fn) => [fn, (config.root.modules[fn]?.environment ?? {}) as Record<string, string>]));
  });

  it('reads the schema from the source, and the source names every variable the loader reads', () => {
    const parsed = schemaVariables();
    expect(parsed).toEqual(expect.arrayContaining(['PIPELINE_MODE', 'ENVIRONMENT', 'RAW_BUCKET', 'EVENT_TABLE', 'DB_SECRET_ARN']));
    expect(tracedVariables(loadPipelineConfig)).toEqual(parsed);
  });

  it('the schema parser finds the three ways the config names a variable', () => {
    const source = "const a = env.ALPHA; const b = env['BETA']; const c = int(env, 'GAMMA', 1, 0, 2); const d = other.DELTA;";
    expect(schemaVariables([source])).toEqual(['ALPHA', 'BETA', 'GAMMA']);
  });

  it('attributes every schema variable to the functions reading it, or says why no Lambda gets it', () => {
    const schema = schemaVariables();
    const attributed = new Set([...Object.values(map.functions).flat(), ...Object.keys(map.notForLambda)]);
    expect({ unattributed: schema.filter((v) => !attributed.has(v)) }).toEqual({ unattributed: [] });
    expect({ notInSchema: [...attributed].filter((v) => !schema.includes(v)) }).toEqual({ notInSchema: [] });
    const both = Object.keys(map.notForLambda).filter((v) => Object.values(map.functions).some((vars) => vars.includes(v)));
    expect({ bothUsedAndUnused: both }).toEqual({ bothUsedAndUnused: [] });
    expect(Object.keys(map.runtime).filter((v) => schema.includes(v))).toEqual([]);
  });

  it.each(FUNCTIONS)('sets exactly the variables %s reads, plus the runtime ones', (fn) => {
    const expected = [...(map.functions[fn] ?? []), ...Object.keys(map.runtime)].sort();
    expect(Object.keys(terraformEnv[fn]).sort()).toEqual(expected);
  });

  it('gives a variable the same value in every function, and PIPELINE_MODE=aws', () => {
    const values = new Map<string, Set<string>>();
    for (const env of Object.values(terraformEnv))
      for (const [k, v] of Object.entries(env)) (values.get(k) ?? values.set(k, new Set()).get(k)!).add(String(v));
    const inconsistent = [...values].filter(([, v]) => v.size > 1).map(([k]) => k);
    expect(inconsistent).toEqual([]);
    expect(values.get('PIPELINE_MODE')).toEqual(new Set(['aws']));
  });
});
