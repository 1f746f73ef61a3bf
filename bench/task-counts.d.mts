/** okr's count of the task items of the workspace at `dir` by state, as bench/floors/markdown-it.mjs prints it. */
export function okrTaskCounts(dir: string): Promise<{ files: number; open: number; done: number; inProgress: number; cancelled: number }>;
