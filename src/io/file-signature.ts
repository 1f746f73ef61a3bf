/**
 * What identifies a version of a file without reading it: its size, modification and change
 * times, inode and device. The facts cache goes by it (see facts-cache.ts), so a signature is
 * trusted only when the file had not changed for a few seconds when it was taken: a file rewritten
 * within the file system's time resolution keeps its times.
 */
import type { Stats } from 'node:fs';

/** A file changed this recently may change again without its times changing. */
export const RACY_WINDOW_MS = 3000;

/**
 * The signature of a regular file whose status `stats` was taken at `takenAtMs` (wall clock, just
 * before), or null when it cannot be trusted yet. Times in milliseconds with their fraction (to
 * the microsecond or so): far finer than the window that guards them.
 */
export function trustedSignature(stats: Stats, takenAtMs: number): string | null {
  if (!stats.isFile() || takenAtMs - stats.mtimeMs <= RACY_WINDOW_MS || takenAtMs - stats.ctimeMs <= RACY_WINDOW_MS) return null;
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}:${stats.dev}`;
}
