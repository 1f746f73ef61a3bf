/**
 * zod is okr's only schema: validation, key lists and messages all come from it, so a key added to
 * the schema is checked the moment it is added (no hand-written copy to forget).
 */
import { describe, expect, it } from 'vitest';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { CONFIG_KEYS, KEY_RESULT_KEYS, OBJECTIVE_KEYS, TASK_FILE_KEYS, THRESHOLD_KEYS, zodSchemas } from '../../src/parse/schema.js';

const problems = (text: string) => parseOkrText('okr.md', text).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}: ${p.message}`);

describe('the zod schema', () => {
  it('gives the key lists, in its own order', () => {
    const schemas = zodSchemas();
    expect(OBJECTIVE_KEYS).toEqual(Object.keys(schemas.objective.shape));
    expect(OBJECTIVE_KEYS).toEqual([
      'type',
      'id',
      'title',
      'owner',
      'period',
      'start',
      'end',
      'parent',
      'progress_from',
      'commitment',
      'closed',
      'score',
      'close_note',
      'continues',
      'cadence',
      'key_results',
    ]);
    expect(KEY_RESULT_KEYS).toEqual([
      'id',
      'title',
      'owner',
      'start',
      'target',
      'current',
      'unit',
      'weight',
      'done',
      'checkins',
      'score',
      'progress_at_close',
      'keep_above',
      'keep_below',
      'measure',
      'contributes_to',
    ]);
    expect(TASK_FILE_KEYS).toEqual(['type', 'kr', 'title', 'owner']);
    expect(CONFIG_KEYS).toEqual(['thresholds', 'max_file_size', 'exclude', 'checkins']);
    expect(THRESHOLD_KEYS).toEqual(['on_track', 'at_risk']);
  });

  it('checks constrained values of valid-looking files too (a check-in confidence over 1)', () => {
    const text = [
      '---',
      'id: growth',
      'title: Grow',
      'period: 2026-Q4',
      'key_results:',
      '  - id: signups',
      '    title: Double signups',
      '    start: 100',
      '    target: 200',
      '    checkins:',
      '      - { date: 2026-11-02, value: 120, confidence: 5 }',
      '---',
      '',
    ].join('\n');
    expect(problems(text)).toEqual(['11:53 error schema: key_results[0].checkins[0].confidence: must be at most 1, got the number 5']);
  });

  it('holds progress_at_close to 0..1 and reads it into the facts', () => {
    const text = (value: string) => `---\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - {id: a, title: A, done: true, score: 0.5, progress_at_close: ${value}}\n---\n`;
    expect(problems(text('1.5'))).toEqual(['6:66 error schema: key_results[0].progress_at_close: must be at most 1, got the number 1.5']);
    expect(problems(text('0.25'))).toEqual([]);
    expect(parseOkrText('o.md', text('0.25')).objective!.keyResults[0]!.progressAtClose).toBe(0.25);
  });

  it('names the key, the expected form and what was found', () => {
    expect(problems('---\nkr: Bad Id\ntitle: "  "\n---\n- [ ] x\n')).toEqual([
      '2:5 error schema: kr: "Bad Id" is not a valid id: use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit',
      '3:8 error schema: title: must not be empty',
    ]);
  });
});

describe('check-in cadence', () => {
  it('reads weekly, biweekly, monthly and a whole number of days, and nothing else', async () => {
    const { cadenceDays } = await import('../../src/model/cadence.js');
    expect([cadenceDays('weekly'), cadenceDays('biweekly'), cadenceDays('monthly'), cadenceDays(10)]).toEqual([7, 14, 30, 10]);
    expect([cadenceDays('daily'), cadenceDays(0), cadenceDays(1.5), cadenceDays('7'), cadenceDays(undefined)]).toEqual([null, null, null, null, null]);
  });
});
