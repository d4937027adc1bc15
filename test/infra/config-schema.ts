import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './terraform-model.js';

export const configDir = join(repoRoot, 'libs', 'adapters', 'src', 'config');

// `env.NAME`, `env['NAME']` and helper calls taking the env first: `int(env, 'NAME', …)`.
const PATTERNS = [/\benv\.([A-Z][A-Z0-9_]*)\b/g, /\benv\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g, /\benv\s*,\s*'([A-Z][A-Z0-9_]*)'/g];

/** Every environment variable named in the config schema's source (libs/adapters/src/config/*.ts). */
export function schemaVariables(sources: readonly string[] = schemaSources()): string[] {
  const names = new Set<string>();
  for (const source of sources) for (const pattern of PATTERNS) for (const match of source.matchAll(pattern)) names.add(match[1]);
  return [...names].sort();
}

function schemaSources(): string[] {
  return readdirSync(configDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => readFileSync(join(configDir, f), 'utf8'));
}

/** The variables loadPipelineConfig actually reads, traced through a Proxy (aws mode, everything else unset). */
export function tracedVariables(load: (env: Record<string, string | undefined>) => unknown): string[] {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get(_target, key) {
      if (typeof key === 'string') read.add(key);
      return key === 'PIPELINE_MODE' ? 'aws' : undefined;
    },
  });
  load(env);
  return [...read].filter((k) => /^[A-Z][A-Z0-9_]*$/.test(k)).sort();
}
