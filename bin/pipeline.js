#!/usr/bin/env node
// Thin launcher: the CLI is compiled into dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist/apps/cli/src/main.js');
if (!existsSync(entry)) {
  console.error(`pipeline: ${entry} is missing — run \`npm run build\` (or \`npm install\`) in ${root} first.`);
  process.exit(2);
}
await import(pathToFileURL(entry).href);
