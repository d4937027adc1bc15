import { existsSync } from 'node:fs';
import { join } from 'node:path';

const TOP_LEVEL = ['scripts', 'infra', 'docs', 'test', 'apps', 'libs', 'bench', 'datasets', 'samples', '.github', '.ci', 'bin'];
const PATH = new RegExp(`(?<![\\w/.$-])(?:\\./)?((?:dist|${TOP_LEVEL.map((t) => t.replace('.', '\\.')).join('|')})/[\\w./-]*[\\w])`, 'g');

/** Repository paths a text mentions (`./scripts/x.sh`, `infra/terraform/variables.tf`, `dist/scripts/y.js`), globs left out. */
export function mentionedPaths(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(PATH)) {
    const path = match[1];
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 80);
    if (/^[\w./-]*[*<{$]/.test(after)) continue; // a pattern (infra/terraform/*.tf, test/e2e/aws-*.ts, raw/<dataset>/…), not a file
    found.add(path);
  }
  return [...found].sort();
}

/**
 * Where a mentioned path lives in a fresh checkout: built outputs map to their sources
 * (`dist/scripts/x.js` → `scripts/x.ts`); build artefacts (dist/lambda) have no source.
 */
export function sourceOf(path: string): string | null {
  if (path.startsWith('dist/lambda')) return null;
  const built = /^dist\/(.+)\.js$/.exec(path);
  return built ? `${built[1]}.ts` : path.replace(/^dist\//, '');
}

export function missingPaths(root: string, text: string): string[] {
  return mentionedPaths(text).filter((p) => {
    const source = sourceOf(p);
    return source !== null && !existsSync(join(root, source));
  });
}

/** `npm run NAME`, `npm run --silent NAME`, `npm run NAME -- …`, plus `npm test` / `npm start`. */
export function npmScriptsNamed(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\bnpm run(?:\s+--?[\w-]+)*\s+([\w:.-]+)/g)) names.add(match[1]);
  for (const match of text.matchAll(/\bnpm (test|start)\b/g)) names.add(match[1]);
  return [...names].sort();
}

/** Terraform outputs read as `terraform … output -raw NAME` or through tf_output/resource in the scripts. */
export function terraformOutputsNamed(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/output\s+-raw\s+([a-z_]+)/g)) names.add(match[1]);
  for (const match of text.matchAll(/\bresource\s+"?[A-Z_]+"?\s+([a-z_]+)/g)) names.add(match[1]);
  for (const match of text.matchAll(/\btf_output\s+"?([a-z_]+)/g)) names.add(match[1]);
  for (const match of text.matchAll(/\$\(tf ([a-z_]+)\)/g)) names.add(match[1]); // the docs' tf() shorthand
  return [...names].sort();
}
