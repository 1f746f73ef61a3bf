/**
 * Roll-up links between key results: `contributes_to: <kr-id>` on a key result makes it count
 * toward that key result, which takes its progress from them when it is `measure: rollup`. A small
 * pass of linkWorkspace, after ids are known.
 */
import type { Declaration, KeyResult } from './link.js';
import { compareStrings, problem, type Location, type Problem } from './problem.js';
import { didYouMean } from './suggest.js';

/**
 * Links every key result's `contributesTo` to the key result it names, filling `contributors` (in
 * workspace order: file path, then order in the file) on the key results named. Reports, as
 * problems: a `contributes_to` naming no key result (`unknown-contributes-to`, or `duplicate-id`
 * when the id is declared twice) or the key result itself; a cycle of links (`contribution-cycle`,
 * naming it `a → b → a`); a roll-up nothing contributes to (`rollup-no-contributors`, a warning).
 * A key result whose link is broken or closes a cycle is made invalid (`invalid` says why) and its
 * link is not followed; a roll-up without contributors is made invalid too (its progress is
 * unknown, never 0). `keyResults` are every key result, in workspace order.
 */
export function linkContributions(
  keyResults: readonly KeyResult[],
  byId: ReadonlyMap<string, KeyResult>,
  duplicates: ReadonlyMap<string, Declaration[]>,
  problems: Problem[],
): void {
  const target = new Map<KeyResult, KeyResult>();
  for (const kr of keyResults) {
    const link = kr.contributesTo;
    if (link === null) continue;
    const named = byId.get(link.id);
    if (named === kr) {
      problems.push(
        problem(
          kr.file,
          link,
          'error',
          'unknown-contributes-to',
          `key result "${kr.id}" names itself in "contributes_to": name the key result it counts toward, or remove the key`,
        ),
      );
      kr.invalid ??= 'it names itself in "contributes_to"';
    } else if (named === undefined) {
      const declared = duplicates.get(link.id);
      if (declared) {
        const places = declared.map((d) => where(d.file, d)).join(', ');
        problems.push(
          problem(
            kr.file,
            link,
            'error',
            'duplicate-id',
            `contributes_to "${link.id}" is declared ${declared.length} times (${places}): it counts toward neither until the ids are unique`,
          ),
        );
        kr.invalid ??= `its contributes_to "${link.id}" is declared more than once`;
      } else {
        const hint = didYouMean(link.id, byId.keys()) || ': use the id of a key result, or remove "contributes_to"';
        problems.push(problem(kr.file, link, 'error', 'unknown-contributes-to', `contributes_to "${link.id}" is not a key result in this workspace${hint}`));
        kr.invalid ??= `its contributes_to "${link.id}" is not a key result in this workspace`;
      }
    } else {
      target.set(kr, named);
    }
  }

  // Each key result counts toward at most one other: following the links from any key result ends
  // or enters exactly one cycle. Colour walk: 1 = on the current path, 2 = finished.
  const colour = new Map<KeyResult, number>();
  for (const start of keyResults) {
    const path: KeyResult[] = [];
    let current: KeyResult | undefined = start;
    while (current && !colour.has(current)) {
      colour.set(current, 1);
      path.push(current);
      current = target.get(current);
    }
    if (current && colour.get(current) === 1) {
      const cycle = path.slice(path.indexOf(current));
      const names = [...cycle.map((kr) => kr.id), current.id].join(' → ');
      const first = [...cycle].sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line)[0]!;
      problems.push(
        problem(
          first.file,
          first.contributesTo!,
          'error',
          'contribution-cycle',
          `contributes_to links form a cycle: ${names}; they are not followed: remove or change one of these "contributes_to" links`,
        ),
      );
      for (const member of cycle) {
        member.invalid ??= `its contributes_to link is part of a cycle (${names})`;
        target.delete(member);
      }
    }
    for (const visited of path) colour.set(visited, 2);
  }

  for (const kr of keyResults) {
    const named = target.get(kr);
    if (named) named.contributors.push(kr);
  }
  for (const kr of keyResults) {
    if (kr.measure?.kind !== 'rollup' || kr.invalid !== null || kr.contributors.length > 0) continue;
    problems.push(
      problem(
        kr.file,
        kr,
        'warning',
        'rollup-no-contributors',
        `key result "${kr.id}" is a roll-up but no key result contributes to it, so its progress is unknown: add "contributes_to: ${kr.id}" to the key results that count toward it`,
      ),
    );
    kr.invalid = 'no key result contributes to it';
  }
}

function where(file: string, at: Location): string {
  return `${file}:${at.line}:${at.column}`;
}
