import { describe, expect, it } from 'vitest';
import { applySplices, contentEndBefore, insertLinesAfter, lineBreakNear, spliceBytes } from '../../src/edit/splice.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe('applySplices', () => {
  it('applies splices in position order, insertions at one offset in the given order', () => {
    expect(
      applySplices('abc', [
        { start: 3, end: 3, insert: '2' },
        { start: 0, end: 1, insert: 'A' },
        { start: 3, end: 3, insert: '3' },
      ]),
    ).toBe('Abc23');
  });

  it('refuses overlapping or out-of-range splices', () => {
    expect(() =>
      applySplices('abc', [
        { start: 0, end: 2, insert: '' },
        { start: 1, end: 3, insert: '' },
      ]),
    ).toThrow(/overlap/);
    expect(() => applySplices('abc', [{ start: 2, end: 4, insert: '' }])).toThrow(/outside/);
  });
});

describe('spliceBytes', () => {
  it('copies every byte outside the splices, BOM and multi-byte characters included', () => {
    const text = 'é🎉 [ ] x';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]);
    const at = text.indexOf('[') + 1;
    const out = spliceBytes(bytes, 3, text, [{ start: at, end: at + 1, insert: 'x' }]);
    expect(Buffer.from(out)).toEqual(Buffer.from([0xef, 0xbb, 0xbf, ...encode('é🎉 [x] x')]));
  });

  it('matches applySplices on the decoded text', () => {
    const text = 'añb\r\n🎉c';
    const splices = [
      { start: 1, end: 2, insert: 'Ñ' },
      { start: text.length, end: text.length, insert: '\r\nend' },
    ];
    expect(new TextDecoder().decode(spliceBytes(encode(text), 0, text, splices))).toBe(applySplices(text, splices));
  });
});

describe('line helpers', () => {
  it('inserts whole lines before the line break, keeping its kind and a missing final newline', () => {
    expect(applySplices('a\r\nb\r\n', [insertLinesAfter('a\r\nb\r\n', 0, ['x'])])).toBe('a\r\nx\r\nb\r\n');
    expect(applySplices('a # c\nb', [insertLinesAfter('a # c\nb', 1, ['x'])])).toBe('a # c\nx\nb');
    expect(applySplices('a\nb', [insertLinesAfter('a\nb', 3, ['x', 'y'])])).toBe('a\nb\nx\ny');
  });

  it('finds the line break near an offset, else the first in the file', () => {
    expect(lineBreakNear('a\nb\r\nc', 2)).toBe('\r\n');
    expect(lineBreakNear('a\r\nb', 3)).toBe('\r\n');
    expect(lineBreakNear('abc', 1)).toBe('\n');
  });

  it('backs up over trailing blank space', () => {
    expect(contentEndBefore('ab \r\n\n', 6)).toBe(2);
    expect(contentEndBefore('ab \r\n\n', 6, 4)).toBe(4);
  });
});
