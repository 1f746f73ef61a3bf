/** okr.config.yaml: optional settings at the workspace root, validated like front-matter. */
import { CONFIG_FILE, DEFAULT_CONFIG, type OkrConfig } from './config-defaults.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './health.js';
import { DEFAULT_MAX_FILE_SIZE, parseSize } from './limits.js';
import { cutText, problem, START_OF_FILE, type Problem } from './problem.js';
import { describeSchemaIssues, validateConfig } from './schema.js';
import { CONFIG_KEYS, THRESHOLD_KEYS } from './schema-keys.js';
import { closestMatch } from './suggest.js';
import { LineIndex } from './text-position.js';
import { stripBom } from './utf8.js';
import { locateYamlPath, parseYaml } from './yaml.js';

export { CONFIG_FILE, DEFAULT_CONFIG, type OkrConfig } from './config-defaults.js';

export function parseConfig(rawText: string, path = CONFIG_FILE): { config: OkrConfig; problems: Problem[] } {
  const { text } = stripBom(rawText);
  const lines = new LineIndex(text);
  const parsed = parseYaml(text);
  const problems: Problem[] = parsed.issues.map((issue) => problem(path, lines.locate(issue.offset), 'error', issue.rule, issue.message));
  if (problems.length > 0) return { config: DEFAULT_CONFIG, problems };
  const data = parsed.data ?? {};
  const result = validateConfig(data);
  if (!result.success) {
    for (const issue of describeSchemaIssues(result.error, data)) {
      const at = parsed.tree ? lines.locate(locateYamlPath(parsed.tree, issue.path, issue.at)) : START_OF_FILE;
      const known = issue.path.length === 1 ? CONFIG_KEYS : THRESHOLD_KEYS;
      const key = String(issue.path[issue.path.length - 1]);
      const hint = issue.at === 'key' && closestMatch(key, known) ? `: did you mean "${closestMatch(key, known)}"?` : '';
      problems.push(problem(path, at, 'error', 'config', `${issue.message}${hint}`));
    }
    return { config: DEFAULT_CONFIG, problems };
  }
  const thresholds: Thresholds = {
    onTrack: result.data.thresholds?.on_track ?? DEFAULT_THRESHOLDS.onTrack,
    atRisk: result.data.thresholds?.at_risk ?? DEFAULT_THRESHOLDS.atRisk,
  };
  const maxFileSize = result.data.max_file_size === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(result.data.max_file_size);
  if (maxFileSize === null) {
    const at = parsed.tree ? lines.locate(locateYamlPath(parsed.tree, ['max_file_size'])) : START_OF_FILE;
    problems.push(problem(path, at, 'error', 'config', `max_file_size: ${JSON.stringify(typeof result.data.max_file_size === 'string' ? cutText(result.data.max_file_size) : result.data.max_file_size)} is not a size: use a number of bytes or a size such as "5 MB" or "512 kB"`));
    return { config: DEFAULT_CONFIG, problems };
  }
  if (thresholds.atRisk < thresholds.onTrack) {
    const at = parsed.tree ? lines.locate(locateYamlPath(parsed.tree, ['thresholds', 'at_risk'])) : START_OF_FILE;
    problems.push(problem(path, at, 'error', 'config', `thresholds.at_risk (${thresholds.atRisk}) must not be below thresholds.on_track (${thresholds.onTrack})`));
    return { config: DEFAULT_CONFIG, problems };
  }
  return { config: { thresholds, maxFileSize }, problems };
}
