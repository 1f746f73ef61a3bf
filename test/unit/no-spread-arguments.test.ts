/**
 * No array is spread into the arguments of a call (`push(...x)`, `Math.max(...x)`, `new Set(...x)`):
 * every argument goes on the stack, and about 130,000 of them overflow it ("Maximum call stack size
 * exceeded"), so one hostile workspace with that many problems, tasks or links would crash okr.
 * `fn.apply(self, array)` is the same. Spreads into array literals (`[...x]`) and object literals (`{ ...x }`) are fine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { maxOf, pushAll } from '../../src/model/arrays.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { sourceFiles } from '../helpers/source-files.js';

/**
 * Spreads known to be of a fixed, small size, as `file:source text of the spread`. Keep it empty
 * unless a spread is of a tuple whose length the code fixes.
 */
const ALLOWED = new Set<string>([]);

/** Every spread element in the arguments of a call or `new` in `source`, as `file:line:column  text`. */
function spreadsInCalls(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { at: number; text: string }[] = [];
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const text = node.getText(sourceFile);
      if (!ALLOWED.has(`${file}:${text}`)) {
        const at = node.getStart(sourceFile);
        const { line, character } = sourceFile.getLineAndCharacterOfPosition(at);
        found.push({ at, text: `${file}:${line + 1}:${character + 1}  ${text}` });
      }
    }
    // `fn.apply(self, array)` passes the array as arguments just the same.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'apply' && node.arguments.length === 2) {
      const at = node.getStart(sourceFile);
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(at);
      found.push({ at, text: `${file}:${line + 1}:${character + 1}  ${node.getText(sourceFile)}` });
    }
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  return found.sort((a, b) => a.at - b.at).map((spread) => spread.text);
}

function typeScriptFiles(dir: string): string[] {
  return sourceFiles(dir).map((file) => path.relative(REPO_ROOT, file).split(path.sep).join('/'));
}

describe('no spread into call arguments', () => {
  it('finds none in src/', () => {
    const files = typeScriptFiles(path.join(REPO_ROOT, 'src'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) => spreadsInCalls(file, readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    expect(found, `spread into call arguments (use a loop): \n${found.join('\n')}`).toEqual([]);
  });

  it('the check finds spreads in calls, new and apply, and not in array or object literals', () => {
    const source = [
      'out.push(...lines);',
      'const m = Math.max(0, ...xs.map((x) => x.length));',
      'const s = new Set(...pairs);',
      'const a = [...xs, ...ys];',
      'const o = { ...base, more: 1 };',
      'function f(...rest: number[]) { return rest; }',
      'const b = f(1, [...xs].length);',
      'const c = Math.max.apply(null, xs);',
    ].join('\n');
    expect(spreadsInCalls('x.ts', source)).toEqual(['x.ts:1:10  ...lines', 'x.ts:2:23  ...xs.map((x) => x.length)', 'x.ts:3:19  ...pairs', 'x.ts:8:11  Math.max.apply(null, xs)']);
  });
});

describe('pushAll and maxOf', () => {
  const many = Array.from({ length: 200_000 }, (_, i) => i);

  it('take 200,000 elements, where spreading them into a call overflows the stack', () => {
    expect(() => Math.max(...many, ...many, ...many, ...many, ...many, ...many)).toThrow(RangeError);
    expect(pushAll([-1], many)).toHaveLength(200_001);
    expect(maxOf(many)).toBe(199_999);
  });

  it('behave as push and Math.max on small lists', () => {
    expect(pushAll([1], [2, 3])).toEqual([1, 2, 3]);
    expect(maxOf([])).toBe(-Infinity);
    expect(maxOf([], 0)).toBe(0);
    expect(maxOf([3, -1, 7, 2])).toBe(7);
    expect(maxOf([1, NaN, 2])).toBeNaN();
  });
});
