import { describe, expect, it } from 'vitest';
import { addedCheckins } from '../../src/compute/checkin-diff.js';
import { readCheckins } from '../../src/parse/checkin-facts.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { decodeFacts, encodeFacts } from '../../src/io/facts-codec.js';

const objective = (checkins: string, extra = '') => `---
id: growth
title: Grow
period: 2026-Q4
key_results:
  - id: rate
    title: Raise the rate
    start: 0
    target: 10${extra}
    checkins:
${checkins}
---
`;

describe('check-ins of a key result', () => {
  it('are read with null for what an entry does not give, in date order, stable for equal dates', () => {
    const facts = parseOkrText(
      'o.md',
      objective(`      - { date: 2026-11-20, value: 4, confidence: 0.6, note: "second", status: at-risk }
      - { date: 2026-10-05, value: 1 }
      - { date: 2026-11-20, value: 5, note: "third" }`),
    );
    // Out of order in the file: lint says so (and that current is not the latest), no error.
    expect(facts.problems.map((p) => p.rule)).toEqual(['checkins-out-of-order', 'checkin-not-current']);
    expect(facts.objective!.keyResults[0]!.checkins).toEqual([
      { date: '2026-10-05', value: 1, confidence: null, note: null, status: null },
      { date: '2026-11-20', value: 4, confidence: 0.6, note: 'second', status: 'at-risk' },
      { date: '2026-11-20', value: 5, confidence: null, note: 'third', status: null },
    ]);
  });

  it('leave out invalid entries, which the schema reports, and are kept on an invalid key result', () => {
    const facts = parseOkrText(
      'o.md',
      objective(`      - { date: 2026-11-31, value: 4 }
      - { date: 2026-11-02, value: 3, status: fine }
      - { date: 2026-11-01, value: 2, confidence: 0.9 }`),
    );
    const kr = facts.objective!.keyResults[0]!;
    expect(kr.invalid).not.toBeNull();
    expect(kr.checkins).toEqual([{ date: '2026-11-01', value: 2, confidence: 0.9, note: null, status: null }]);
    expect(facts.problems.map((p) => `${p.line} ${p.rule}: ${p.message}`)).toEqual([
      '11 schema: key_results[0].checkins[0].date: expected a date as YYYY-MM-DD',
      '12 schema: key_results[0].checkins[1].status: expected "on-track" or "at-risk" or "off-track", got the text "fine"',
    ]);
  });

  it('readCheckins takes anything: a value that is not a list gives none', () => {
    expect(readCheckins(undefined)).toEqual([]);
    expect(readCheckins('2026-11-01')).toEqual([]);
    expect(readCheckins([null, 3, { date: '2026-11-01', value: true, note: '  ' }])).toEqual([{ date: '2026-11-01', value: true, confidence: null, note: null, status: null }]);
  });
});

describe('check-ins added between two sides (okr diff)', () => {
  const c = (date: string, value: number, note: string | null = null, confidence: number | null = null) => ({ date, value, confidence, note, status: null });
  it('are the entries of the head not in the base, by date, value and note, counted as a multiset', () => {
    const before = [c('2026-10-01', 1), c('2026-10-08', 2, 'a')];
    const after = [c('2026-10-01', 1, null, 0.5), c('2026-10-08', 2, 'a'), c('2026-10-08', 2, 'a'), c('2026-10-08', 2, 'b'), c('2026-10-15', 3)];
    expect(addedCheckins(before, after)).toEqual([c('2026-10-08', 2, 'a'), c('2026-10-08', 2, 'b'), c('2026-10-15', 3)]);
    expect(addedCheckins(after, before)).toEqual([]);
  });
});

describe('check-ins in the facts cache', () => {
  const text = objective(`      - { date: 2026-11-20, value: 4, confidence: 0.6, note: "n", status: at-risk }
      - { date: 2026-10-05, value: 1 }`);
  it('decode as they were parsed', () => {
    const facts = parseOkrText('o.md', text);
    expect(decodeFacts(encodeFacts(facts)!, 'o.md')).toEqual(facts);
  });
  it('are refused when damaged: an unknown call, a missing key, or out of date order', () => {
    const encoded = encodeFacts(parseOkrText('o.md', text))!;
    for (const [from, to] of [
      ['"status":"at-risk"', '"status":"great"'],
      [',"note":null', ''],
      ['"date":"2026-10-05"', '"date":"2026-12-05"'],
    ] as const) {
      expect(encoded).toContain(from);
      expect(decodeFacts(encoded.replace(from, to), 'o.md'), to).toBeNull();
    }
  });
});
