/** Command modules stay small: they choose what to do; parsing, planning, the edit pipeline and rendering live elsewhere. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

const MAX_LINES = 150;

describe('src/commands', () => {
  it(`holds modules of at most ${MAX_LINES} lines`, () => {
    const dir = path.join(REPO_ROOT, 'src/commands');
    const long = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => ({ name, lines: readFileSync(path.join(dir, name), 'utf8').trimEnd().split('\n').length }))
      .filter((file) => file.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
