/** Messages that once said the wrong thing, each held to what it says now. */
import { describe, expect, it } from 'vitest';
import { countLines } from '../../src/commands/task-refs.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { formatPercent, progressBar } from '../../src/render/format.js';

const messages = (text: string) => parseOkrText('tasks/x.md', text).problems.map((p) => p.message);

describe('messages', () => {
  it('counts the lines of a file as an editor does', () => {
    expect(countLines('a\n'.repeat(12))).toBe(12);
    expect(countLines('a\r\n'.repeat(12))).toBe(12);
    expect(countLines(`${'a\n'.repeat(11)}a`)).toBe(12);
    expect(countLines('')).toBe(0);
  });

  it("never shows the YAML library's advice to programmers", () => {
    const [message] = messages('---\nid: a\n...\nfoo\n---\n');
    expect(message).not.toMatch(/YAML\.|parseAllDocuments/);
    expect(message).toMatch(/^YAML syntax error: the front-matter holds more than one YAML document/);
  });

  it('names the item of a kr list that is a number, and how to write it', () => {
    expect(messages('---\nkr: [1, 2]\n---\n- [ ] a\n')).toEqual(['kr: expected a list of key result ids (text), but item 1 is the number 1: quote it ("1") to use it as an id']);
    expect(messages('---\nkr: [a, true]\n---\n- [ ] a\n')).toEqual(['kr: expected a list of key result ids (text), but item 2 is true']);
    expect(messages('---\nkr: 5\n---\n- [ ] a\n')).toEqual(['kr: expected a key result id or a list of ids, got the number 5']);
  });

  it('rounds the bar down as the percentage is, so that only 100% fills it', () => {
    expect(formatPercent(0.95)).toBe('95%');
    expect(progressBar(0.95)).toBe('█████████░');
    expect(progressBar(0.999)).toBe('█████████░');
    expect(progressBar(1)).toBe('██████████');
    expect(progressBar(0.3)).toBe('███░░░░░░░');
    expect(progressBar(0.05)).toBe('░░░░░░░░░░');
  });
});
