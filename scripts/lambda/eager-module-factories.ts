import { parse, type Node } from 'acorn';
import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';

/**
 * V8 compiles a function lazily: the script's first pass only pre-parses its body, and the first call
 * parses it again in full. esbuild wraps every bundled CommonJS module and every lazily initialised ES
 * module in a factory that runs once, at load (`var require_x = __commonJS((exports, module) => {…})`),
 * so most of a bundle is parsed twice on a cold start. Written as a parenthesised function expression,
 * `(function(exports, module) {…})`, V8's PIFE heuristic compiles the body on the first pass instead
 * (the optimize-js technique). Only top-level `var x = f(() => {…})` factories are rewritten, and only
 * when the body does not read `this`, `arguments`, `super` or `new.target`, which an arrow and a
 * function bind differently.
 */
export function eagerModuleFactories(code: string): { code: string; edits: readonly SourceEdit[] } {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as AstNode;
  const edits = factoryArrows(program).flatMap((arrow) => toFunctionExpression(code, arrow));
  return { code: applyEdits(code, edits), edits };
}

/** `removed` characters at `offset` replaced by `inserted`. */
export interface SourceEdit {
  readonly offset: number;
  readonly removed: number;
  readonly inserted: string;
}

interface AstNode extends Node {
  readonly [key: string]: unknown;
}

function factoryArrows(program: AstNode): AstNode[] {
  const arrows: AstNode[] = [];
  for (const statement of program.body as AstNode[]) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations as AstNode[]) {
      const init = declarator.init as AstNode | null;
      if (init?.type !== 'CallExpression' || (init.callee as AstNode).type !== 'Identifier') continue;
      const [arrow, ...rest] = init.arguments as AstNode[];
      if (rest.length === 0 && isPlainArrow(arrow) && !bindsLikeAnArrow(arrow.body as AstNode)) arrows.push(arrow);
    }
  }
  return arrows;
}

const isPlainArrow = (node: AstNode | undefined): node is AstNode =>
  node?.type === 'ArrowFunctionExpression' && !node.async && (node.body as AstNode).type === 'BlockStatement';

/** Whether the body uses what an arrow takes from its surroundings (nested ordinary functions and class members bind their own). */
function bindsLikeAnArrow(node: AstNode): boolean {
  if (readsArrowBinding(node)) return true;
  if (BINDS_ITS_OWN.has(node.type)) return false;
  return Object.entries(node).some(
    ([key, value]) =>
      !(node.type === 'PropertyDefinition' && key === 'value') &&
      (Array.isArray(value) ? value : [value]).some((child) => isNode(child) && bindsLikeAnArrow(child)),
  );
}

const BINDS_ITS_OWN = new Set(['FunctionExpression', 'FunctionDeclaration', 'StaticBlock']);

const readsArrowBinding = (node: AstNode): boolean =>
  node.type === 'ThisExpression' ||
  node.type === 'Super' ||
  (node.type === 'MetaProperty' && (node.meta as AstNode).name === 'new') || // import.meta is the same in both
  (node.type === 'Identifier' && node.name === 'arguments');

const isNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** `(a,b)=>{…}` → `(function(a,b){…})`: the head replaced, a parenthesis after the body. */
function toFunctionExpression(code: string, arrow: AstNode): SourceEdit[] {
  const body = arrow.body as AstNode;
  const head = code.slice(arrow.start, body.start);
  const params = head.slice(0, head.lastIndexOf('=>')).trim();
  const parenthesised = params.startsWith('(') ? params : `(${params})`;
  return [
    { offset: arrow.start, removed: head.length, inserted: `(function${parenthesised}` },
    { offset: arrow.end, removed: 0, inserted: ')' },
  ];
}

function applyEdits(code: string, edits: readonly SourceEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.offset - b.offset)) {
    out += code.slice(at, edit.offset) + edit.inserted;
    at = edit.offset + edit.removed;
  }
  return out + code.slice(at);
}

/**
 * The source map of the rewritten code: each generated column moved by the edits before it on its line
 * (the inserted text never spans lines). A mapping inside a replaced head moves to the head's start.
 */
export function shiftSourceMap(mapJson: string, originalCode: string, edits: readonly SourceEdit[]): string {
  const map = JSON.parse(mapJson) as { mappings: string };
  const lines = decode(map.mappings);
  const lineStarts = startsOfLines(originalCode);
  const byLine = new Map<number, { column: number; removed: number; delta: number }[]>();
  for (const edit of [...edits].sort((a, b) => a.offset - b.offset)) {
    const line = lineOf(lineStarts, edit.offset);
    const onLine = byLine.get(line) ?? [];
    onLine.push({ column: edit.offset - lineStarts[line], removed: edit.removed, delta: edit.inserted.length - edit.removed });
    byLine.set(line, onLine);
  }
  for (const [line, lineEdits] of byLine) {
    const segments = lines[line];
    if (segments) lines[line] = segments.map((segment) => shifted(segment, lineEdits));
  }
  return JSON.stringify({ ...map, mappings: encode(lines) });
}

function shifted(segment: SourceMapSegment, edits: readonly { column: number; removed: number; delta: number }[]): SourceMapSegment {
  const column = segment[0];
  let moved = column;
  for (const edit of edits) {
    if (edit.removed > 0 && column > edit.column && column < edit.column + edit.removed) moved += edit.column - column;
    else if (edit.removed > 0 ? column >= edit.column + edit.removed : column >= edit.column) moved += edit.delta;
  }
  return [moved, ...segment.slice(1)] as SourceMapSegment;
}

function startsOfLines(code: string): number[] {
  const starts = [0];
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Every `.mjs` of a bundle with its factories made eager, and its `.mjs.map` (when there is one) shifted to match. */
export function withEagerModuleFactories<T extends { readonly path: string; readonly data: Buffer }>(files: readonly T[]): T[] {
  const maps = new Map(files.filter((f) => f.path.endsWith('.mjs.map')).map((f) => [f.path, f]));
  const rewritten = new Map<string, Buffer>();
  for (const file of files) {
    if (!file.path.endsWith('.mjs')) continue;
    const original = file.data.toString('utf8');
    const { code, edits } = eagerModuleFactories(original);
    if (edits.length === 0) continue;
    rewritten.set(file.path, Buffer.from(code));
    const map = maps.get(`${file.path}.map`);
    if (map) rewritten.set(map.path, Buffer.from(shiftSourceMap(map.data.toString('utf8'), original, edits)));
  }
  return files.map((f) => (rewritten.has(f.path) ? { ...f, data: rewritten.get(f.path)! } : f));
}
