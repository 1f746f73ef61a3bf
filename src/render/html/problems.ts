/** The problems of the workspace in the HTML report, folded: a `<details>` holding a table. */
import type { Problem } from '../../model/problem.js';
import { plural } from '../words.js';
import { escapeHtml, fileReference } from './escape.js';

/** The problems (sorted as the report sorts them) as a folded table; a line saying there are none when empty. */
export function problemsSection(problems: readonly Problem[], linkBase: string | null): string {
  if (problems.length === 0) return '<section id="problems" aria-labelledby="problems-h"><h2 id="problems-h">Problems</h2><p>No problems.</p></section>';
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  const rows = problems.map(
    (p) =>
      `<tr class="p-${p.severity}"><td>${fileReference(p.file, linkBase, p.line)}<span class="column">:${p.column}</span></td><td>${p.severity}</td><td><code>${escapeHtml(p.rule)}</code></td><td>${escapeHtml(p.message)}</td></tr>`,
  );
  return [
    '<section id="problems" aria-labelledby="problems-h"><h2 id="problems-h">Problems</h2>',
    `<details class="problems"><summary>${escapeHtml(counts)} (run <code>okr lint</code> for the details)</summary>`,
    '<table><thead><tr><th scope="col">Where</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></details></section>`,
  ].join('');
}
