import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BundleError } from './bundle-error.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * An ES module that re-exports a CommonJS module's value (`source`, an expression or import binding
 * named `cjs`) under its real export names plus `default`, as Node's own interop offers. Needed under
 * code splitting: a lazily imported CommonJS chunk would otherwise export only `default`, and
 * `const { parse } = await import('yaml')` would read undefined. Names come from the installed
 * package at build time; locals are aliased so an export named like a reserved word stays valid.
 */
export function commonJsEsmFace(root: string, specifier: string, prelude: string): string {
  const names = exportNames(root, specifier);
  const locals = names.map((name, i) => `const __cjs${i} = cjs[${JSON.stringify(name)}];`).join('\n');
  const named = names.length > 0 ? `export { ${names.map((name, i) => `__cjs${i} as ${name}`).join(', ')} };` : '';
  return `${prelude}\n${locals}\n${named}\nexport default cjs;`;
}

function exportNames(root: string, specifier: string): string[] {
  let loaded: unknown;
  try {
    loaded = createRequire(join(root, 'package.json'))(specifier);
  } catch (error) {
    throw new BundleError(`cannot read the exports of ${specifier} to package it: ${(error as Error).message}`, { cause: error });
  }
  return Object.keys(loaded as object).filter((name) => IDENTIFIER.test(name) && name !== 'default');
}
