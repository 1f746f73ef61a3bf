import { expect, it } from 'vitest';
import { parse } from 'date-fns/parse';
import { toDate } from '../../src/core/period.js';
it('toDate reads ISO dates exactly as date-fns parse does, years below 100 included', () => {
  for (const s of ['2026-11-15', '0001-01-01', '0099-12-31', '0100-03-01', '1900-02-28', '2024-02-29', '9999-12-31', '2026-03-29', '2026-10-25', '1970-01-01', '2000-02-29']) {
    expect(toDate(s).getTime()).toBe(parse(s, 'yyyy-MM-dd', new Date(2000, 0, 1)).getTime());
  }
});
