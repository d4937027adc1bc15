import type { Metafile } from 'esbuild';

/**
 * The output files a cold start reads: the entry (e.g. 'index.mjs') and every chunk it imports
 * statically, transitively. Chunks reached only through `import()` load when first needed.
 */
export function eagerlyLoadedOutputs(metafile: Metafile, entry: string): string[] {
  const entryPath = Object.keys(metafile.outputs).find((o) => o === entry || o.endsWith(`/${entry}`));
  if (!entryPath) throw new Error(`no output ${entry} in the metafile`);
  const seen = new Set<string>();
  const pending = [entryPath];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const i of metafile.outputs[next].imports) if (i.kind === 'import-statement' && metafile.outputs[i.path]) pending.push(i.path);
  }
  return [...seen];
}
