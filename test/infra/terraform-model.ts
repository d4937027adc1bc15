import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@cdktf/hcl2json';

export const repoRoot = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
export const terraformDir = join(repoRoot, 'infra', 'terraform');

/** A block as hcl2json renders it: attributes as values (expressions as `${…}` strings), nested blocks as arrays. */
export type Block = Record<string, unknown>;

/** One Terraform module (the root or a folder under modules/): its blocks merged across files. */
export interface TerraformModule {
  readonly dir: string;
  readonly resources: Readonly<Record<string, Readonly<Record<string, Block>>>>;
  readonly data: Readonly<Record<string, Readonly<Record<string, Block>>>>;
  readonly modules: Readonly<Record<string, Block>>;
  readonly variables: Readonly<Record<string, Block>>;
  readonly outputs: Readonly<Record<string, Block>>;
  readonly locals: Block;
}

export interface TerraformConfig {
  readonly root: TerraformModule;
  /** Local modules by folder name (modules/<name>). */
  readonly children: Readonly<Record<string, TerraformModule>>;
}

const single = (blocks: unknown): Block => (Array.isArray(blocks) ? (blocks[0] as Block) : (blocks as Block));

function mergeNamed(target: Record<string, Record<string, Block>>, section: Record<string, Record<string, unknown>> | undefined): void {
  for (const [type, byName] of Object.entries(section ?? {}))
    for (const [name, blocks] of Object.entries(byName)) (target[type] ??= {})[name] = single(blocks);
}

async function loadModule(dir: string): Promise<TerraformModule> {
  const resources: Record<string, Record<string, Block>> = {};
  const data: Record<string, Record<string, Block>> = {};
  const modules: Record<string, Block> = {};
  const variables: Record<string, Block> = {};
  const outputs: Record<string, Block> = {};
  const locals: Block = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort()) {
    const parsed = (await parse(file, readFileSync(join(dir, file), 'utf8'))) as Record<string, never>;
    mergeNamed(resources, parsed.resource);
    mergeNamed(data, parsed.data);
    for (const [name, blocks] of Object.entries((parsed.module ?? {}) as Record<string, unknown>)) modules[name] = single(blocks);
    for (const [name, blocks] of Object.entries((parsed.variable ?? {}) as Record<string, unknown>)) variables[name] = single(blocks);
    for (const [name, blocks] of Object.entries((parsed.output ?? {}) as Record<string, unknown>)) outputs[name] = single(blocks);
    for (const block of (parsed.locals ?? []) as Block[]) Object.assign(locals, block);
  }
  return { dir: relative(repoRoot, dir), resources, data, modules, variables, outputs, locals };
}

let cached: Promise<TerraformConfig> | undefined;

/** infra/terraform and its local modules, parsed with the HCL parser Terraform's CDK uses (@cdktf/hcl2json). */
export function loadTerraform(): Promise<TerraformConfig> {
  cached ??= (async () => {
    const modulesDir = join(terraformDir, 'modules');
    const names = readdirSync(modulesDir).filter((n) => statSync(join(modulesDir, n)).isDirectory());
    const children: Record<string, TerraformModule> = {};
    for (const name of names) children[name] = await loadModule(join(modulesDir, name));
    return { root: await loadModule(terraformDir), children };
  })();
  return cached;
}

export function allModules(config: TerraformConfig): TerraformModule[] {
  return [config.root, ...Object.values(config.children)];
}

/** The child module a `module "x" { source = "./modules/y" }` call uses. */
export function calledModule(config: TerraformConfig, call: Block): TerraformModule {
  const source = String(call.source);
  const name = source.replace(/^\.\/modules\//, '');
  const child = config.children[name];
  if (!child) throw new Error(`module source ${source} is not a local module under infra/terraform/modules`);
  return child;
}

/** Nested blocks (`statement`, `rule`, …) as a list, including the `content` of `dynamic` blocks of that name. */
export function nested(block: Block, name: string): Block[] {
  const direct = (block[name] as Block[] | undefined) ?? [];
  const dynamics = [block.dynamic ?? []].flat() as Block[]; // hcl2json: `dynamic` is an object keyed by block name
  const dynamic = dynamics.flatMap((d) => ((d[name] as Block[] | undefined) ?? []).flatMap((x) => (x.content as Block[]) ?? []));
  return [...direct, ...dynamic];
}

export const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
