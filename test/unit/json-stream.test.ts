/** JSON written in pieces is byte for byte the JSON of the whole value (src/render/json-stream.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPieces, StreamedArray } from '../../src/render/json-stream.js';
import { EventEmitter } from 'node:events';
import { guardOutput, writePiecesAs } from '../../src/output.js';
import { propertyRuns } from '../helpers/property-runs.js';

describe('jsonPieces', () => {
  it('gives exactly JSON.stringify(value, null, 2) and a newline, with any arrays streamed', () => {
    const keys: string[] = ['a', 'objectives', 'problems', 'b c', '"q"', '__proto__x', 'ü'];
    const key = fc.constantFrom(...keys);
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })), fc.array(key), (document, streamedKeys) => {
        const streamed: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(document)) {
          streamed[name] = streamedKeys.includes(name) && Array.isArray(value) ? new StreamedArray(value, (item) => item) : value;
        }
        const pieces = [...jsonPieces(streamed)];
        expect(pieces.join('')).toBe(`${JSON.stringify(document, null, 2)}\n`);
      }),
      propertyRuns(300),
    );
  });

  it('makes each element only as it is written, and splits between elements', () => {
    const made: number[] = [];
    const pieces = jsonPieces({ n: 1, items: new StreamedArray([1, 2, 3], (i) => (made.push(i), { i, text: 'say ##[x]' })), empty: new StreamedArray([], (i) => i) });
    expect(pieces.next().value).toBe('{\n  "n": 1,\n  "items": [\n    {\n      "i": 1,\n      "text": "say ##[x]"\n    }');
    expect(made).toEqual([1]);
    const rest = [...pieces].join('');
    expect(made).toEqual([1, 2, 3]);
    expect(rest.endsWith('\n  ],\n  "empty": []\n}\n')).toBe(true);
  });

  it('an empty document, and keys whose value is undefined, as JSON.stringify writes them', () => {
    expect([...jsonPieces({})].join('')).toBe('{}\n');
    expect([...jsonPieces({ a: undefined, b: null })].join('')).toBe(`${JSON.stringify({ a: undefined, b: null }, null, 2)}\n`);
  });
});

describe('writePiecesAs', () => {
  it('gathers pieces into writes of about 64 kB, in order', async () => {
    const writes: string[] = [];
    const pieces = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(2000)}`);
    await writePiecesAs({ write: (text: string) => writes.push(text) }, 'json', pieces);
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.length).toBe(4);
  });

  it('waits for drain after a write the stream queued, and goes on when it closes instead', async () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(2000)}`);
    for (const ending of ['drain', 'close'] as const) {
      const stream = new EventEmitter() as EventEmitter & { write(text: string): boolean };
      const writes: string[] = [];
      stream.write = (text: string) => (writes.push(text), false);
      const written = writePiecesAs(stream, 'json', guardedPieces(pieces));
      await new Promise((resolve) => setImmediate(resolve));
      // The first write was queued: nothing more is written until the stream says so.
      expect(writes.length).toBe(1);
      stream.emit(ending);
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes.length).toBe(2);
      for (let i = 0; i < 3; i++) {
        stream.emit(ending);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await written;
      expect(writes.join('')).toBe(pieces.join(''));
      expect(stream.listenerCount('drain') + stream.listenerCount('close') + stream.listenerCount('error')).toBe(0);
    }
  });

  it('a guarded stream passes the wait on to the stream it wraps', async () => {
    const inner = new EventEmitter() as EventEmitter & { write(text: string): boolean };
    const writes: string[] = [];
    inner.write = (text: string) => (writes.push(text), writes.length > 1);
    const guarded = guardOutput(inner, { githubActions: false });
    const pieces = Array.from({ length: 40 }, () => `"${'y'.repeat(4000)}",`);
    const written = writePiecesAs(guarded, 'json', pieces);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.length).toBe(1);
    inner.emit('drain');
    await written;
    expect(writes.join('')).toBe(pieces.join(''));
  });
});

function* guardedPieces(pieces: readonly string[]): Generator<string> {
  yield* pieces;
}
