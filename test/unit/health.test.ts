import { describe, expect, it } from 'vitest';
import { computeHealth, DEFAULT_THRESHOLDS } from '../../src/compute/health.js';
import { parsePeriodLabel } from '../../src/model/period.js';

const q4 = parsePeriodLabel('2026-Q4')!;
const status = (progress: number, today = '2026-11-15', thresholds = DEFAULT_THRESHOLDS) => computeHealth(progress, q4, today, thresholds).status;

describe('computeHealth', () => {
  it('uses the gap between expected (0.5 on 2026-11-15) and progress', () => {
    expect(status(0.6)).toBe('on-track');
    expect(status(0.35)).toBe('on-track'); // gap 0.15 exactly, despite float noise
    expect(status(0.34)).toBe('at-risk');
    expect(status(0.2)).toBe('at-risk'); // gap 0.30 exactly
    expect(status(0.19)).toBe('off-track');
    expect(status(0)).toBe('off-track');
  });

  it('is done at full progress, even before the period starts', () => {
    expect(status(1)).toBe('done');
    expect(status(1, '2026-09-01')).toBe('done');
  });

  it('is upcoming before the period starts', () => {
    expect(status(0, '2026-09-30')).toBe('upcoming');
    expect(computeHealth(0, q4, '2026-09-30', DEFAULT_THRESHOLDS).expected).toBe(0);
  });

  it('expects everything once the period is over', () => {
    expect(status(0.9, '2027-01-10')).toBe('on-track');
    expect(status(0.8, '2027-01-10')).toBe('at-risk');
    expect(status(0.5, '2027-01-10')).toBe('off-track');
  });

  it('honours configured thresholds', () => {
    expect(status(0.45, '2026-11-15', { onTrack: 0.02, atRisk: 0.1 })).toBe('at-risk');
    expect(status(0.35, '2026-11-15', { onTrack: 0.02, atRisk: 0.1 })).toBe('off-track');
  });
});
