/** Links the facts of every file into one workspace: ids resolved, duplicates and cycles reported. */
import type { FileFacts, KeyResultFacts, LinkFact, ObjectiveFacts, TaskState } from './types.js';
import { compareStrings, problem, type Location, type Problem } from './problem.js';
import { didYouMean } from './suggest.js';
import { linkContributions } from './contributions.js';
import { countState, effectiveState, noTaskCounts, taskItemsOf, type TaskCounts, type TaskItems, type TaskLinkCounts } from './task-items.js';

export interface LinkedTask extends Location {
  file: string;
  text: string;
  /** The item's own state, or `cancelled` when a group it belongs to is cancelled. */
  state: TaskState;
}

export interface KeyResult extends KeyResultFacts {
  file: string;
  /** Its objective's id (null when that has none that can be read). */
  objectiveId: string | null;
  /**
   * The leaf task items that count toward it, in file and line order; null when the model was
   * linked from task counts only (see TaskSource): then read `taskCounts`, or load with task items.
   */
  tasks: LinkedTask[] | null;
  /** Its leaf task items counted by (effective) state, whichever way the model was linked. */
  taskCounts: TaskCounts;
  /**
   * Why it is not counted (its own first error, a duplicated id, or its objective's unreadable
   * period), or null when it is valid.
   */
  invalid: string | null;
  /** The key results whose `contributes_to` names this one (followed links only), in workspace order. */
  contributors: KeyResult[];
}

export interface Objective extends Omit<ObjectiveFacts, 'parent' | 'keyResults'> {
  file: string;
  /** The parent objective, when it exists, is unique and is not part of a cycle. */
  parentId: string | null;
  keyResults: KeyResult[];
  /** The objectives aligned under this one, in file order (invalid ones included). */
  children: Objective[];
  /** Why the objective is not counted (its own first error, a duplicated id, a broken parent link), or null. */
  invalid: string | null;
}

/** Where an id is declared: for duplicate ids. */
export interface Declaration extends Location {
  file: string;
}

export interface WorkspaceModel {
  /** Every objective declared, invalid ones included: in file path order, then order in the file. */
  objectives: Objective[];
  /** Objectives by id: only ids declared once (an invalid objective with a unique id included). */
  objectivesById: Map<string, Objective>;
  /** Key results by id: only ids declared once (an invalid key result with a unique id included). */
  keyResultsById: Map<string, KeyResult>;
  /** Ids declared more than once, with every declaration: objectives and key results apart. */
  duplicateIds: { objectives: Map<string, Declaration[]>; keyResults: Map<string, Declaration[]> };
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
 * The linked task records of files' facts, kept from one linking to the next (see linkWorkspace):
 * a record depends on its file's facts only, so models linked from many revisions that share a
 * file's facts (the same object) share its records. Records are never changed once made.
 */
export type LinkedTaskMemo = WeakMap<FileFacts, (LinkedTask | undefined)[]>;

/**
 * A file's task items summed up by their links (see countTaskLinks), or null when they cannot be
 * had (the caller's store of them turned out damaged).
 */
export type TaskCountsOf = (file: FileFacts) => readonly TaskLinkCounts[] | null;

/**
 * Where linkWorkspace takes the task items from: the items themselves (every key result gets its
 * `tasks` list; `memo` as below), or their counts by links only (`tasks` stays null, `taskCounts` is
 * the same): what a report of numbers needs, without an object per task item.
 */
export type TaskSource = { items: MaybeTasksOf; memo?: LinkedTaskMemo } | { counts: TaskCountsOf };

/**
 * Links the facts of a workspace's files into its model (see linkWorkspace); `tasksOf` gives each
 * file's task items (default: from `file.tasks`); `memo` as for linkWorkspace. Problems of the files
 * and of linking are in `problems`, never thrown.
 */
export function buildWorkspaceModel(files: readonly FileFacts[], tasksOf: TasksOf = (file) => taskItemsOf(file.tasks), memo?: LinkedTaskMemo): WorkspaceModel {
  // tasksOf never gives null, so a model is always built.
  return linkWorkspace(files, { items: tasksOf, memo })!;
}

/**
 * The workspace's model from its files' facts: every objective and key result declared (invalid
 * ones kept, with why in `invalid`), unique ids by id, parent links, tasks linked to key results,
 * and every problem (the files' own, then duplicates, unknown ids, cycles, ...). An id declared
 * twice (objectives, or key results, in one file or across files) is an error at every
 * declaration; neither copy is linked to, and tasks linked to it count toward neither. Task items
 * come from `source` (see TaskSource): the model, its counts and its problems are the same either
 * way, but for the key results' `tasks` lists. Returns null, having built nothing, when the source
 * gives null for a file: the caller gets complete facts some other way (reads the files again) and
 * links them again. With a memo, the task records of facts linked before are taken from it and new
 * ones put in it (the model is the same either way).
 */
export function linkWorkspace(files: readonly FileFacts[], source: TaskSource): WorkspaceModel | null {
  const withItems = 'items' in source;
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  const problems: Problem[] = sorted.flatMap((file) => file.problems);
  const objectives: Objective[] = [];
  const parentLinks = new Map<Objective, LinkFact>();
  const objectiveDeclarations = new Map<string, Objective[]>();
  const keyResultDeclarations = new Map<string, KeyResult[]>();

  for (const file of sorted) {
    const facts = file.objective;
    if (!facts) continue;
    // Built field by field: spreading thousands of objects shows in a large workspace's run.
    const { parent, keyResults: keyResultFacts } = facts;
    const objective: Objective = {
      line: facts.line,
      column: facts.column,
      id: facts.id,
      title: facts.title,
      owner: facts.owner,
      period: facts.period,
      progressFrom: facts.progressFrom,
      cadenceDays: facts.cadenceDays,
      file: file.path,
      parentId: null,
      keyResults: [],
      children: [],
      invalid: facts.invalid,
      commitment: facts.commitment,
      closed: facts.closed,
      score: facts.score,
      closeNote: facts.closeNote,
    };
    for (const kr of keyResultFacts) {
      const keyResult: KeyResult = {
        line: kr.line,
        column: kr.column,
        id: kr.id,
        title: kr.title,
        owner: kr.owner,
        weight: kr.weight,
        measure: kr.measure,
        index: kr.index,
        file: file.path,
        objectiveId: facts.id,
        tasks: withItems ? [] : null,
        taskCounts: noTaskCounts(),
        invalid: kr.invalid ?? (facts.period === null ? 'its objective has no period that can be read' : null),
        checkins: kr.checkins,
        score: kr.score,
        progressAtClose: kr.progressAtClose,
        contributesTo: kr.contributesTo,
        contributors: [],
      };
      objective.keyResults.push(keyResult);
      if (kr.id !== null) addTo(keyResultDeclarations, kr.id, keyResult);
    }
    objectives.push(objective);
    if (facts.id !== null) addTo(objectiveDeclarations, facts.id, objective);
    if (parent) parentLinks.set(objective, parent);
  }

  const objectivesById = new Map<string, Objective>();
  const keyResultsById = new Map<string, KeyResult>();
  const duplicateIds: WorkspaceModel['duplicateIds'] = { objectives: new Map(), keyResults: new Map() };
  for (const [id, declared] of objectiveDeclarations) {
    if (declared.length === 1) objectivesById.set(id, declared[0]!);
    else duplicateIds.objectives.set(id, reportDuplicates('objective', id, declared, problems));
  }
  for (const [id, declared] of keyResultDeclarations) {
    if (declared.length === 1) keyResultsById.set(id, declared[0]!);
    else duplicateIds.keyResults.set(id, reportDuplicates('key result', id, declared, problems));
  }

  linkParents(objectives, objectivesById, parentLinks, problems, duplicateIds.objectives);
  if (!linkTasks(sorted, source, keyResultsById, problems, duplicateIds.keyResults)) return null;
  linkContributions(
    objectives.flatMap((objective) => objective.keyResults),
    keyResultsById,
    duplicateIds.keyResults,
    problems,
  );

  for (const objective of objectives) {
    if (objective.invalid !== null) continue;
    if (objective.keyResults.length === 0 && objective.children.length === 0) {
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
    if (objective.keyResults.length > 0 && objective.children.length > 0 && objective.progressFrom === null) {
      problems.push(
        problem(
          objective.file,
          objective,
          'warning',
          'progress-from-ambiguous',
          `objective "${objective.id}" has key results and ${objective.children.length} aligned objective${objective.children.length === 1 ? '' : 's'}; its progress counts both (each aligned objective as one key result of weight 1): say so with "progress_from: both", or choose "key_results" or "children"`,
        ),
      );
    }
    for (const kr of objective.keyResults) {
      if (kr.invalid !== null || kr.measure?.kind !== 'tasks') continue;
      const counts = kr.taskCounts;
      if (counts.total + counts.cancelled === 0) {
        problems.push(
          problem(
            kr.file,
            kr,
            'warning',
            'kr-no-tasks',
            `key result "${kr.id}" has no linked tasks and no metric or milestone: link a task file with "kr: ${kr.id}", or give it "start" and "target", or "done"`,
          ),
        );
      } else if (counts.total === 0) {
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
  return { objectives, objectivesById, keyResultsById, duplicateIds, problems };
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How many other declarations a duplicate-id message names. */
const MAX_PLACES = 5;

/** An error at every declaration of a duplicated id; each is made invalid. Returns the declarations. */
function reportDuplicates(kind: 'objective' | 'key result', id: string, declared: (Objective | KeyResult)[], problems: Problem[]): Declaration[] {
  const places = declared.map((item) => ({ file: item.file, line: item.line, column: item.column }));
  // At most MAX_PLACES other places are named: an id declared 100,000 times must not cost 100,000² steps.
  const first = places.slice(0, MAX_PLACES + 1);
  for (const item of declared) {
    const others = first.filter((place) => place.file !== item.file || place.line !== item.line || place.column !== item.column).slice(0, MAX_PLACES);
    const more = declared.length - 1 - others.length;
    const list = others.map((place) => where(place.file, place)).join(', ') + (more > 0 ? ` and ${more} more` : '');
    const message = `${kind} id "${id}" is declared ${declared.length} times (also at ${list}): neither counts until the ids are unique${kind === 'key result' ? ' across the workspace' : ''}, rename one of them`;
    problems.push(problem(item.file, item, 'error', 'duplicate-id', message));
    item.invalid ??= `its id "${id}" is declared ${declared.length} times`;
  }
  return places;
}

function linkParents(
  objectives: Objective[],
  byId: Map<string, Objective>,
  parentLinks: Map<Objective, LinkFact>,
  problems: Problem[],
  duplicates: Map<string, Declaration[]>,
): void {
  const parentOf = new Map<Objective, Objective>();
  for (const objective of objectives) {
    const link = parentLinks.get(objective);
    if (!link) continue;
    const parent = byId.get(link.id);
    if (!parent) {
      const declared = duplicates.get(link.id);
      const message = declared
        ? `parent "${link.id}" is declared ${declared.length} times (${placesOf(declared)}): this objective is shown without a parent until the ids are unique`
        : `parent "${link.id}" is not an objective in this workspace${didYouMean(link.id, byId.keys()) || ': use the id of an objective, or remove "parent"'}`;
      problems.push(declared ? problem(objective.file, link, 'error', 'duplicate-id', message) : problem(objective.file, link, 'error', 'unknown-parent', message));
      objective.invalid ??= declared ? `its parent "${link.id}" is declared more than once` : `its parent "${link.id}" is not an objective in this workspace`;
      continue;
    }
    if (parent === objective) {
      problems.push(problem(objective.file, link, 'error', 'parent-cycle', `objective "${objective.id}" names itself as its parent: remove "parent" or name another objective`));
      objective.invalid ??= 'it names itself as its parent';
      continue;
    }
    parentOf.set(objective, parent);
  }

  // Each objective has at most one parent, so following parents from any objective either ends or
  // enters exactly one cycle. Colour walk: 1 = on the current path, 2 = finished.
  const colour = new Map<Objective, number>();
  for (const start of objectives) {
    const path: Objective[] = [];
    let current: Objective | undefined = start;
    while (current && !colour.has(current)) {
      colour.set(current, 1);
      path.push(current);
      current = parentOf.get(current);
    }
    if (current && colour.get(current) === 1) {
      const cycle = path.slice(path.indexOf(current));
      const names = [...cycle.map((o) => o.id), current.id].join(' → ');
      const first = [...cycle].sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line)[0]!;
      const link = parentLinks.get(first)!;
      problems.push(
        problem(
          first.file,
          link,
          'error',
          'parent-cycle',
          `parent links form a cycle: ${names}; objectives in it are shown without a parent: remove or change one of these "parent" links`,
        ),
      );
      first.invalid ??= `its parent link is part of a cycle (${names})`;
      for (const member of cycle) parentOf.delete(member);
    }
    for (const visited of path) colour.set(visited, 2);
  }
  for (const objective of objectives) {
    const parent = parentOf.get(objective);
    if (parent) {
      objective.parentId = parent.id;
      parent.children.push(objective);
    }
  }
}

/** Links each file's task items (or their counts) to their key results; false when the source gave null for a file. */
function linkTasks(files: readonly FileFacts[], source: TaskSource, keyResultsById: Map<string, KeyResult>, problems: Problem[], duplicates: Map<string, Declaration[]>): boolean {
  const memo = 'items' in source ? source.memo : undefined;
  for (const file of files) {
    let records = memo?.get(file);
    if (memo && !records) memo.set(file, (records = []));
    const reported = new Set<string>();
    const reportOnce = (link: LinkFact, build: () => Problem) => {
      const key = `${link.line}:${link.column}:${link.id}`;
      if (!reported.has(key)) {
        reported.add(key);
        problems.push(build());
      }
    };
    for (const link of file.fileLinks) {
      if (!keyResultsById.has(link.id)) reportOnce(link, () => unknownKr(file.path, link, keyResultsById, duplicates));
    }
    for (const link of file.idleLinks) {
      if (!keyResultsById.has(link.id)) reportOnce(link, () => unknownKr(file.path, link, keyResultsById, duplicates));
    }
    // Tasks of a file or section share one list of links: each list is resolved once.
    let resolvedLinks: readonly LinkFact[] | null = null;
    let targets: KeyResult[] = [];
    const resolve = (links: readonly LinkFact[]): KeyResult[] => {
      const found: KeyResult[] = [];
      for (const link of links) {
        const kr = keyResultsById.get(link.id);
        if (!kr) {
          reportOnce(link, () => unknownKr(file.path, link, keyResultsById, duplicates));
        } else if (kr.measure !== null && kr.measure.kind !== 'tasks') {
          const kind = kr.measure.kind;
          reportOnce(link, () =>
            problem(
              file.path,
              link,
              'warning',
              'tasks-on-measured-kr',
              `key result "${kr.id}" is a ${kind}, so tasks linked to it do not count toward its progress: link them to a key result without ${MEASURE_KEYS[kind]}, or remove the link`,
            ),
          );
        } else {
          found.push(kr);
        }
      }
      return found;
    };
    if ('counts' in source) {
      const runs = source.counts(file);
      if (runs === null) return false;
      for (const run of runs) {
        for (const kr of resolve(run.links)) addCounts(kr.taskCounts, run);
      }
      continue;
    }
    const tasks = source.items(file);
    if (tasks === null) return false;
    for (let index = 0; index < tasks.count; index++) {
      const links = tasks.links(index);
      if (links !== resolvedLinks) {
        resolvedLinks = links;
        targets = resolve(links);
      }
      if (targets.length === 0 || tasks.isGroup(index)) continue;
      // One record per task, shared by the key results it counts toward.
      const linked: LinkedTask = records?.[index] ?? {
        file: file.path,
        line: tasks.line(index),
        column: tasks.column(index),
        text: tasks.text(index),
        state: effectiveState(tasks, index),
      };
      if (records) records[index] = linked;
      for (const kr of targets) {
        kr.tasks!.push(linked);
        countState(kr.taskCounts, linked.state);
      }
    }
  }
  return true;
}

function addCounts(counts: TaskCounts, run: TaskLinkCounts): void {
  counts.done += run.done;
  counts.open += run.open;
  counts.inProgress += run.inProgress;
  counts.cancelled += run.cancelled;
  counts.total += run.done + run.open + run.inProgress;
}

/** The keys that make a key result's measure other than its tasks, for messages. */
const MEASURE_KEYS = { metric: '"start" and "target"', milestone: '"done"', guardrail: '"keep_above" or "keep_below"', rollup: '"measure: rollup"' } as const;

function unknownKr(file: string, link: LinkFact, keyResultsById: Map<string, KeyResult>, duplicates: Map<string, Declaration[]>): Problem {
  const declared = duplicates.get(link.id);
  if (declared) {
    const places = placesOf(declared);
    return problem(
      file,
      link,
      'error',
      'duplicate-id',
      `key result "${link.id}" is declared ${declared.length} times (${places}): tasks linked to it count toward neither until the ids are unique`,
    );
  }
  return problem(
    file,
    link,
    'error',
    'unknown-kr',
    `"${link.id}" is not a key result in this workspace${didYouMean(link.id, keyResultsById.keys()) || ': use the id of a key result'}`,
  );
}

/** `a.md:3:5, b.md:7:10` for at most MAX_PLACES declarations, then `and N more`. */
function placesOf(declared: readonly Declaration[]): string {
  const shown = declared.slice(0, MAX_PLACES).map((d) => where(d.file, d));
  return shown.join(', ') + (declared.length > MAX_PLACES ? ` and ${declared.length - MAX_PLACES} more` : '');
}

function where(file: string, at: Location): string {
  return `${file}:${at.line}:${at.column}`;
}

/**
 * The key result's linked task items (see KeyResult.tasks). Throws an Error when the model was
 * linked from task counts only: a caller that needs the items loads the workspace with them
 * (LoadOptions.taskItems), and this is a mistake in okr, never a user's.
 */
export function linkedTasksOf(kr: KeyResult): LinkedTask[] {
  if (kr.tasks === null) throw new Error(`internal: the task items of key result "${kr.id ?? kr.index}" were not loaded (the model holds their counts only)`);
  return kr.tasks;
}
