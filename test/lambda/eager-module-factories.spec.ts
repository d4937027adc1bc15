import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from '@jridgewell/sourcemap-codec';
import { build } from 'esbuild';
import { eagerModuleFactories, shiftSourceMap, withEagerModuleFactories } from '../../scripts/lambda/eager-module-factories.js';

describe('eagerModuleFactories: module factories written as parenthesised functions, so V8 compiles them in one pass', () => {
  it.each([
    ['two parameters', 'var r=d((e,t)=>{t.exports=1});', 'var r=d((function(e,t){t.exports=1}));'],
    ['one bare parameter', 'var r=d(e=>{e.x=1});', 'var r=d((function(e){e.x=1}));'],
    ['no parameter (a lazily initialised ES module)', 'var i=o(()=>{a=1});', 'var i=o((function(){a=1}));'],
    ['several declarators', 'var a=d(()=>{x()}),b=d(e=>{y(e)});', 'var a=d((function(){x()})),b=d((function(e){y(e)}));'],
    ['a body reading import.meta (the same in both)', 'var r=d(()=>{x=import.meta.url});', 'var r=d((function(){x=import.meta.url}));'],
    [
      'a nested function binding its own this',
      'var r=d(()=>{function f(){return this}});',
      'var r=d((function(){function f(){return this}}));',
    ],
  ])('rewrites a top-level factory: %s', (_label, code, expected) => {
    expect(eagerModuleFactories(code).code).toBe(expected);
  });

  it.each([
    ['reads this', 'var r=d(()=>{x=this});'],
    ['reads this inside a nested arrow', 'var r=d(()=>{x=()=>this});'],
    ['reads arguments', 'var r=d(()=>{x=arguments});'],
    ['is async', 'var r=d(async()=>{await x});'],
    ['has an expression body', 'var r=d(()=>x);'],
    ['is one of several arguments', 'var r=d(()=>{x()},1);'],
    ['is not at the top level', 'function f(){var r=d(()=>{x()})}'],
    ['is not a call argument', 'var r=()=>{x()};'],
    ['is a class field reading this', 'var r=d(()=>{class A{y=this}; x=this});'],
  ])('leaves a factory alone when it %s', (_label, code) => {
    expect(eagerModuleFactories(code)).toEqual({ code, edits: [] });
  });

  it('does not let this inside a class field block the rewrite', () => {
    expect(eagerModuleFactories('var r=d(()=>{class A{y=this}});').code).toBe('var r=d((function(){class A{y=this}}));');
  });

  describe('on a real esbuild bundle of CommonJS and ES modules', () => {
    let dir: string;
    let bundle: { code: string; map: string };
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'eager-factories-'));
      writeFileSync(join(dir, 'counter.cjs'), 'let n = 0; exports.next = () => ++n; exports.self = function () { return typeof this; };\n');
      writeFileSync(join(dir, 'greeting.cjs'), 'module.exports = (name) => "hello " + name;\n');
      writeFileSync(
        join(dir, 'entry.mjs'),
        [
          "const counter = require('./counter.cjs');",
          "const greet = require('./greeting.cjs');",
          'counter.next();',
          "console.log(JSON.stringify({ n: counter.next(), greeting: greet('lambda'), self: counter.self(), marker: 'MARKER_STRING' }));",
        ].join('\n'),
      );
      const result = await build({
        entryPoints: [join(dir, 'entry.mjs')],
        outfile: join(dir, 'out.mjs'),
        bundle: true,
        format: 'esm',
        platform: 'node',
        minify: true,
        sourcemap: 'external',
        write: false,
        logLevel: 'silent',
      });
      const file = (suffix: string) => result.outputFiles.find((f) => f.path.endsWith(suffix))!.text;
      bundle = { code: file('out.mjs'), map: file('out.mjs.map') };
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const run = (code: string) => spawnSync(process.execPath, ['--input-type=module'], { input: code, encoding: 'utf8' });

    it('rewrites its CommonJS factories and the program prints the same', () => {
      const { code, edits } = eagerModuleFactories(bundle.code);
      expect(edits.length).toBe(4); // two factories, two edits each
      expect(code).toMatch(/\(\(function\(/);
      const before = run(bundle.code);
      const after = run(code);
      expect(before.status).toBe(0);
      expect(after.stdout).toBe(before.stdout);
      expect(JSON.parse(after.stdout)).toEqual({ n: 2, greeting: 'hello lambda', self: 'object', marker: 'MARKER_STRING' });
    });

    it('keeps the source map pointing at the same original positions', () => {
      const { code, edits } = eagerModuleFactories(bundle.code);
      const shifted = shiftSourceMap(bundle.map, bundle.code, edits);
      const originalAt = (source: string, map: string, token: string) => {
        const at = source.indexOf(token);
        const line = source.slice(0, at).split('\n').length - 1;
        const column = at - (source.lastIndexOf('\n', at - 1) + 1);
        const segments = decode((JSON.parse(map) as { mappings: string }).mappings)[line];
        const segment = [...segments].reverse().find((s) => s[0] <= column);
        return segment?.slice(1);
      };
      expect(originalAt(code, bundle.map, 'MARKER_STRING')).not.toEqual(originalAt(bundle.code, bundle.map, 'MARKER_STRING'));
      for (const token of ['"hello "', 'MARKER_STRING', '++'])
        expect({ token, at: originalAt(code, shifted, token) }).toEqual({ token, at: originalAt(bundle.code, bundle.map, token) });
    });

    it('rewrites each .mjs of a bundle with its map and leaves other files untouched', () => {
      const files = [
        { path: 'index.mjs', data: Buffer.from(bundle.code) },
        { path: 'index.mjs.map', data: Buffer.from(bundle.map) },
        { path: 'other.txt', data: Buffer.from('var r=d(()=>{x()});') },
      ];
      const out = withEagerModuleFactories(files);
      expect(out.map((f) => f.path)).toEqual(['index.mjs', 'index.mjs.map', 'other.txt']);
      expect(out[0].data.toString()).toBe(eagerModuleFactories(bundle.code).code);
      expect(out[1].data.toString()).not.toBe(bundle.map);
      expect(out[2]).toBe(files[2]);
    });
  });
});
