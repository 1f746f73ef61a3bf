/** Writes a seeded synthetic workspace of `fileCount` Markdown files into `dir`; returns their relative paths. */
export function generateWorkspace(dir: string, fileCount: number, seed?: number): string[];
export function createRandom(seed: number): {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
};
