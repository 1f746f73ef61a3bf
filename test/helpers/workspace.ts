/** Builds a model from inline files, for tests of the pure core. */
import { buildWorkspaceModel, type WorkspaceModel } from '../../src/model/link.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { buildStatusReport, type StatusOptions, type StatusReport } from '../../src/compute/report.js';
import { DEFAULT_THRESHOLDS } from '../../src/compute/health.js';

export function modelOf(files: Record<string, string>): WorkspaceModel {
  return buildWorkspaceModel(Object.entries(files).map(([path, text]) => parseOkrText(path, text)));
}

export function reportOf(files: Record<string, string>, options: Partial<StatusOptions> = {}): StatusReport {
  return buildStatusReport(modelOf(files), {
    today: '2026-11-15',
    period: { kind: 'all' },
    owner: null,
    thresholds: DEFAULT_THRESHOLDS,
    ...options,
  });
}

/** An objective file; `krs` are YAML flow mappings. */
export function objective(id: string, fields: { parent?: string; period?: string; owner?: string; krs?: string[] } = {}): string {
  const lines = ['---', 'type: objective', `id: ${id}`, `title: Objective ${id}`, `period: ${fields.period ?? '2026-Q4'}`];
  if (fields.owner) lines.push(`owner: ${fields.owner}`);
  if (fields.parent) lines.push(`parent: ${fields.parent}`);
  if (fields.krs) lines.push('key_results:', ...fields.krs.map((kr) => `  - ${kr}`));
  lines.push('---', '');
  return lines.join('\n');
}

export function taskFile(kr: string, body: string): string {
  return `---\nkr: ${kr}\n---\n${body}`;
}
