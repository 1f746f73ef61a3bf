/** Small formatting shared by the renderers. */
import type { Status } from '../compute/health.js';
import type { KeyResultReport } from '../compute/report.js';

/** Whole percent, rounded down so that 99.6% never reads as 100%. */
export function formatPercent(fraction: number): string {
  return `${Math.floor(fraction * 100 + 1e-9)}%`;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

export function progressBar(fraction: number, width = 10, filled = '█', empty = '░'): string {
  const cells = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return filled.repeat(cells) + empty.repeat(width - cells);
}

/** `27 / 35 %`, `4 of 7 tasks`, `milestone open`. */
export function describeMeasure(kr: KeyResultReport): string {
  switch (kr.measure.kind) {
    case 'metric': {
      const { current, target, unit } = kr.measure;
      return `${formatNumber(current)} / ${formatNumber(target)}${unit ? ` ${unit}` : ''}`;
    }
    case 'milestone':
      return kr.measure.done ? 'milestone done' : 'milestone open';
    case 'tasks':
      if (kr.noTasks) return kr.tasks && kr.tasks.cancelled > 0 ? 'all tasks cancelled' : 'no tasks';
      return `${kr.tasks!.done} of ${kr.tasks!.total} tasks`;
  }
}

export const STATUS_WORDS: Record<Status, string> = {
  done: 'done',
  upcoming: 'upcoming',
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
};
