// The status of a workspace, and its problems, through okr's library API.
// Usage: node examples/api/status.mjs [dir] [today as YYYY-MM-DD]
import path from 'node:path';
import { buildStatusReport, lintWorkspace, loadWorkspace, parsePeriodSelection } from 'okr';

const root = path.resolve(process.argv[2] ?? '.');
const today = process.argv[3] ?? new Date().toISOString().slice(0, 10);

const { model, config } = await loadWorkspace(root);
const report = buildStatusReport(model, { today, period: parsePeriodSelection('current'), owner: null, thresholds: config.thresholds });
const percent = (fraction) => `${Math.floor(fraction * 100)}%`;
for (const objective of report.objectives) {
  console.log(`${'  '.repeat(objective.depth)}${objective.id}: ${percent(objective.progress)} ${objective.status}`);
  for (const kr of objective.keyResults) console.log(`${'  '.repeat(objective.depth + 1)}- ${kr.id}: ${percent(kr.progress)} ${kr.status}`);
}

const { problems } = await lintWorkspace(root);
for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.severity} ${p.message} (${p.rule})`);
console.log(`${report.objectives.length} objectives, ${problems.length} problems`);
