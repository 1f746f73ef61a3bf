/** Links the facts of every file into one workspace: ids resolved, duplicates and cycles reported. */
import type { FileFacts, KeyResultFacts, LinkFact, ObjectiveFacts, TaskState } from './types.js';
import { compareStrings, problem, type Location, type Problem } from './problem.js';
import { didYouMean } from './suggest.js';
import { taskItemsOf, type TaskItems } from './task-items.js';

export interface LinkedTask extends Location {
  file: string;
  text: string;
  /** The item's own state, or `cancelled` when a group it belongs to is cancelled. */
  state: TaskState;
}

export interface KeyResult extends KeyResultFacts {
  file: string;
  objectiveId: string;
  /** The leaf task items that count toward it, in file and line order. */
  tasks: LinkedTask[];
}

export interface Objective extends Omit<ObjectiveFacts, 'parent' | 'keyResults'> {
  file: string;
  /** The parent objective, when it exists and is not part of a cycle. */
  parentId: string | null;
  keyResults: KeyResult[];
  /** Ids of the objectives aligned under this one, in file order. */
  childIds: string[];
}

export interface WorkspaceModel {
  /** In file path order, then order in the file. */
  objectives: Objective[];
  objectivesById: Map<string, Objective>;
  keyResultsById: Map<string, KeyResult>;
  problems: Problem[];
}

/**
 * Task items of a file's facts. Facts may come without their task items (`tasks` empty), decoded
 * only here, one file at a time, so that a large workspace's task items never all sit in memory.
 */
export type TasksOf = (file: FileFacts) => TaskItems;

/**
 * Like TasksOf, but may give null when a file's task items cannot be had (the caller's store of
 * them turned out damaged): then linkWorkspace builds no model.
 */
export type MaybeTasksOf = (file: FileFacts) => TaskItems | null;

/**
 * Links the facts of a workspace's files into its model (see linkWorkspace); `tasksOf` gives each
 * file's task items (default: from `file.tasks`). Problems of the files and of linking are in
 * `problems`, never thrown.
 */
export function buildWorkspaceModel(files: readonly FileFacts[], tasksOf: TasksOf = (file) => taskItemsOf(file.tasks)): WorkspaceModel {
  // tasksOf never gives null, so a model is always built.
  return linkWorkspace(files, tasksOf)!;
}

/**
 * The workspace's model from its files' facts: objectives and key results by id, parent links,
 * tasks linked to key results, and every problem (the files' own, then duplicates, unknown ids,
 * cycles, ...). Returns null, having built nothing, when `tasksOf` gives null for a file: the caller
 * gets complete facts some other way (reads the files again) and links them again.
 */
export function linkWorkspace(files: readonly FileFacts[], tasksOf: MaybeTasksOf): WorkspaceModel | null {
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  const problems: Problem[] = sorted.flatMap((file) => file.problems);
  const objectives: Objective[] = [];
  const objectivesById = new Map<string, Objective>();
  const keyResultsById = new Map<string, KeyResult>();
  const parentLinks = new Map<string, LinkFact>();

  for (const file of sorted) {
    const facts = file.objective;
    if (!facts) continue;
    const existing = objectivesById.get(facts.id);
    if (existing) {
      problems.push(
        problem(
          file.path,
          facts,
          'error',
          'duplicate-id',
          `objective id "${facts.id}" is already used at ${where(existing.file, existing)}: ids must be unique, rename one of them`,
        ),
      );
      continue;
    }
    // Built field by field: spreading thousands of objects shows in a large workspace's run.
    const { parent, keyResults: keyResultFacts } = facts;
    const objective: Objective = {
      line: facts.line,
      column: facts.column,
      id: facts.id,
      title: facts.title,
      owner: facts.owner,
      period: facts.period,
      file: file.path,
      parentId: null,
      keyResults: [],
      childIds: [],
    };
    for (const kr of keyResultFacts) {
      const other = keyResultsById.get(kr.id);
      if (other) {
        problems.push(
          problem(
            file.path,
            kr,
            'error',
            'duplicate-id',
            `key result id "${kr.id}" is already used at ${where(other.file, other)}: ids must be unique across the workspace, rename one of them`,
          ),
        );
        continue;
      }
      const keyResult: KeyResult = {
        line: kr.line,
        column: kr.column,
        id: kr.id,
        title: kr.title,
        owner: kr.owner,
        weight: kr.weight,
        measure: kr.measure,
        file: file.path,
        objectiveId: facts.id,
        tasks: [],
      };
      objective.keyResults.push(keyResult);
      keyResultsById.set(kr.id, keyResult);
    }
    objectives.push(objective);
    objectivesById.set(objective.id, objective);
    if (parent) parentLinks.set(objective.id, parent);
  }

  const unusable = new Map<string, string>();
  for (const file of sorted) for (const id of file.unusableIds ?? []) if (!unusable.has(id)) unusable.set(id, file.path);
  linkParents(objectives, objectivesById, parentLinks, problems, unusable);
  if (!linkTasks(sorted, tasksOf, keyResultsById, problems, unusable)) return null;

  for (const objective of objectives) {
    // Key results with errors are reported; the objective is not "without key results".
    const hasUnusableKeyResults = unusable.size > 0 && [...unusable.values()].includes(objective.file);
    if (objective.keyResults.length === 0 && objective.childIds.length === 0 && !hasUnusableKeyResults) {
      problems.push(
        problem(
          objective.file,
          objective,
          'warning',
          'objective-not-measured',
          `objective "${objective.id}" has no key results and no aligned objectives, so its progress is 0: add key results, or objectives with "parent: ${objective.id}"`,
        ),
      );
    }
    for (const kr of objective.keyResults) {
      if (kr.measure.kind !== 'tasks') continue;
      if (kr.tasks.length === 0) {
        problems.push(
          problem(
            kr.file,
            kr,
            'warning',
            'kr-no-tasks',
            `key result "${kr.id}" has no linked tasks and no metric or milestone: link a task file with "kr: ${kr.id}", or give it "start" and "target", or "done"`,
          ),
        );
      } else if (kr.tasks.every((task) => task.state === 'cancelled')) {
        problems.push(
          problem(
            kr.file,
            kr,
            'warning',
            'kr-no-tasks',
            `every task linked to key result "${kr.id}" is cancelled, so its progress is 0: add open tasks, or measure it another way`,
          ),
        );
      }
    }
  }
  return { objectives, objectivesById, keyResultsById, problems };
}

function linkParents(objectives: Objective[], byId: Map<string, Objective>, parentLinks: Map<string, LinkFact>, problems: Problem[], unusable: Map<string, string>): void {
  for (const objective of objectives) {
    const link = parentLinks.get(objective.id);
    if (!link) continue;
    if (!byId.has(link.id)) {
      const declaredIn = unusable.get(link.id);
      const message = declaredIn
        ? `parent "${link.id}" is declared in ${declaredIn}, but errors there keep it out of the workspace: fix them first`
        : `parent "${link.id}" is not an objective in this workspace${didYouMean(link.id, byId.keys()) || ': use the id of an objective, or remove "parent"'}`;
      problems.push(problem(objective.file, link, 'error', 'unknown-parent', message));
      continue;
    }
    if (link.id === objective.id) {
      problems.push(problem(objective.file, link, 'error', 'parent-cycle', `objective "${objective.id}" names itself as its parent: remove "parent" or name another objective`));
      continue;
    }
    objective.parentId = link.id;
  }

  // Each objective has at most one parent, so following parents from any objective either ends or
  // enters exactly one cycle. Colour walk: 0 = unvisited, 1 = on the current path, 2 = finished.
  const colour = new Map<string, number>();
  for (const start of objectives) {
    const path: Objective[] = [];
    let current: Objective | undefined = start;
    while (current && !colour.has(current.id)) {
      colour.set(current.id, 1);
      path.push(current);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    if (current && colour.get(current.id) === 1) {
      const cycle = path.slice(path.indexOf(current));
      const names = [...cycle.map((o) => o.id), current.id].join(' → ');
      const first = [...cycle].sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line)[0]!;
      const link = parentLinks.get(first.id)!;
      problems.push(
        problem(
          first.file,
          link,
          'error',
          'parent-cycle',
          `parent links form a cycle: ${names}; objectives in it are shown without a parent: remove or change one of these "parent" links`,
        ),
      );
      for (const member of cycle) member.parentId = null;
    }
    for (const visited of path) colour.set(visited.id, 2);
  }
  for (const objective of objectives) {
    if (objective.parentId !== null) byId.get(objective.parentId)!.childIds.push(objective.id);
  }
}

/** Links each file's task items to their key results; false when `tasksOf` gave null for a file. */
function linkTasks(files: readonly FileFacts[], tasksOf: MaybeTasksOf, keyResultsById: Map<string, KeyResult>, problems: Problem[], unusable: Map<string, string>): boolean {
  for (const file of files) {
    const reported = new Set<string>();
    const reportOnce = (link: LinkFact, build: () => Problem) => {
      const key = `${link.line}:${link.column}:${link.id}`;
      if (!reported.has(key)) {
        reported.add(key);
        problems.push(build());
      }
    };
    for (const link of file.fileLinks) {
      if (!keyResultsById.has(link.id)) reportOnce(link, () => unknownKr(file.path, link, keyResultsById, unusable));
    }
    // Tasks of a file or section share one list of links: each list is resolved once.
    let resolvedLinks: readonly LinkFact[] | null = null;
    let targets: KeyResult[] = [];
    const resolve = (links: readonly LinkFact[]): KeyResult[] => {
      const found: KeyResult[] = [];
      for (const link of links) {
        const kr = keyResultsById.get(link.id);
        if (!kr) {
          reportOnce(link, () => unknownKr(file.path, link, keyResultsById, unusable));
        } else if (kr.measure.kind !== 'tasks') {
          reportOnce(link, () =>
            problem(
              file.path,
              link,
              'warning',
              'tasks-on-measured-kr',
              `key result "${kr.id}" is a ${kr.measure.kind}, so tasks linked to it do not count toward its progress: link them to a key result without ${kr.measure.kind === 'metric' ? '"start" and "target"' : '"done"'}, or remove the link`,
            ),
          );
        } else {
          found.push(kr);
        }
      }
      return found;
    };
    const tasks = tasksOf(file);
    if (tasks === null) return false;
    for (let index = 0; index < tasks.count; index++) {
      const links = tasks.links(index);
      if (links !== resolvedLinks) {
        resolvedLinks = links;
        targets = resolve(links);
      }
      if (targets.length === 0 || tasks.isGroup(index)) continue;
      // One record per task, shared by the key results it counts toward.
      const linked: LinkedTask = { file: file.path, line: tasks.line(index), column: tasks.column(index), text: tasks.text(index), state: effectiveState(tasks, index) };
      for (const kr of targets) kr.tasks.push(linked);
    }
  }
  return true;
}

/** A cancelled group cancels everything under it. */
function effectiveState(tasks: TaskItems, index: number): TaskState {
  for (let current: number | null = index; current !== null; current = tasks.parent(current)) {
    if (tasks.state(current) === 'cancelled') return 'cancelled';
  }
  return tasks.state(index);
}

function unknownKr(file: string, link: LinkFact, keyResultsById: Map<string, KeyResult>, unusable: Map<string, string>): Problem {
  const declaredIn = unusable.get(link.id);
  const message = declaredIn
    ? `key result "${link.id}" is declared in ${declaredIn}, but errors there keep it out of the workspace: fix them first`
    : `"${link.id}" is not a key result in this workspace${didYouMean(link.id, keyResultsById.keys()) || ': use the id of a key result'}`;
  return problem(file, link, 'error', 'unknown-kr', message);
}

function where(file: string, at: Location): string {
  return `${file}:${at.line}:${at.column}`;
}
