/** Terminal widths: the fast path of displayWidth agrees with string-width. */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, ONE_COLUMN_EACH } from '../../src/render/terminal-text.js';

describe('displayWidth of the characters it measures without string-width', () => {
  it('gives what string-width gives for every one of them', () => {
    for (let code = 0; code <= 0x25ff; code++) {
      const char = String.fromCharCode(code);
      if (!ONE_COLUMN_EACH.test(char)) continue;
      expect([code, displayWidth(char)]).toEqual([code, stringWidth(char)]);
    }
    expect(displayWidth('├─ █████░░░ 42% · ok')).toBe(stringWidth('├─ █████░░░ 42% · ok'));
    expect(displayWidth('界 👩‍🚀')).toBe(stringWidth('界 👩‍🚀'));
  });
});
