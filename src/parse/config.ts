/** okr.config.yaml: optional settings at the workspace root, validated like front-matter. */
import { CONFIG_FILE, DEFAULT_CONFIG, type OkrConfig } from '../model/config.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../compute/health.js';
import { DEFAULT_MAX_FILE_SIZE, formatSize, parseSize } from './limits.js';
import { cutText, problem, START_OF_FILE, type Problem } from '../model/problem.js';
import { CHECKIN_SETTINGS_KEYS, CONFIG_KEYS, describeSchemaIssues, THRESHOLD_KEYS, validateConfig } from './schema.js';
import { cadenceDays, CADENCE_WORDS } from '../model/cadence.js';
import { closestMatch } from '../model/suggest.js';
import { LineIndex } from './text-position.js';
import { stripBom } from './utf8.js';
import { locateYamlPath, parseYaml } from './yaml.js';

export { CONFIG_FILE, DEFAULT_CONFIG, type OkrConfig } from '../model/config.js';

/**
 * Parses okr.config.yaml. `maxFileSize` is the largest file size allowed (bytes): the built-in 5 MB
 * unless raised on the command line or by OKR_MAX_FILE_SIZE. The file may lower it, never raise it
 * (a pull request must not lift its own limit): a larger `max_file_size` gets a warning and the
 * limit stays. Problems are reported with `path`; a config with errors gives the defaults.
 */
export function parseConfig(rawText: string, path = CONFIG_FILE, maxFileSize = DEFAULT_MAX_FILE_SIZE): { config: OkrConfig; problems: Problem[] } {
  const defaults: OkrConfig = maxFileSize === DEFAULT_CONFIG.maxFileSize ? DEFAULT_CONFIG : { ...DEFAULT_CONFIG, maxFileSize };
  const { text } = stripBom(rawText);
  const lines = new LineIndex(text);
  const parsed = parseYaml(text);
  const problems: Problem[] = parsed.issues.map((issue) => problem(path, lines.locate(issue.offset), 'error', issue.rule, issue.message));
  if (problems.length > 0) return { config: defaults, problems };
  const data = parsed.data ?? {};
  const result = validateConfig(data);
  if (!result.success) {
    for (const issue of describeSchemaIssues(result.error, data)) {
      const at = parsed.tree ? lines.locate(locateYamlPath(parsed.tree, issue.path, issue.at)) : START_OF_FILE;
      const known = issue.path.length === 1 ? CONFIG_KEYS : issue.path[0] === 'checkins' ? CHECKIN_SETTINGS_KEYS : THRESHOLD_KEYS;
      const key = String(issue.path[issue.path.length - 1]);
      const hint =
        issue.at === 'key' && closestMatch(key, known)
          ? `: did you mean "${closestMatch(key, known)}"?`
          : issue.path[0] === 'exclude'
            ? ': write a list of globs in gitignore syntax, relative to the workspace root, such as [drafts/, "**/*.draft.md"]'
            : issue.path[0] === 'checkins' && issue.at === 'value'
              ? `: write ${CADENCE_WORDS.join(', ')} or a whole number of days`
              : '';
      problems.push(problem(path, at, 'error', 'config', `${issue.message}${hint}`));
    }
    return { config: defaults, problems };
  }
  const thresholds: Thresholds = {
    onTrack: result.data.thresholds?.on_track ?? DEFAULT_THRESHOLDS.onTrack,
    atRisk: result.data.thresholds?.at_risk ?? DEFAULT_THRESHOLDS.atRisk,
  };
  const configured = result.data.max_file_size === undefined ? maxFileSize : parseSize(result.data.max_file_size);
  if (configured === null) {
    const at = parsed.tree ? lines.locate(locateYamlPath(parsed.tree, ['max_file_size'])) : START_OF_FILE;
    problems.push(
      problem(
        path,
        at,
        'error',
        'config',
        `max_file_size: ${JSON.stringify(typeof result.data.max_file_size === 'string' ? cutText(result.data.max_file_size) : result.data.max_file_size)} is not a size: use a number of bytes or a size such as "5 MB" or "512 kB"`,
      ),
    );
    return { config: defaults, problems };
  }
  if (thresholds.atRisk < thresholds.onTrack) {
    const at = parsed.tree ? lines.locate(locateYamlPath(parsed.tree, ['thresholds', 'at_risk'])) : START_OF_FILE;
    problems.push(problem(path, at, 'error', 'config', `thresholds.at_risk (${thresholds.atRisk}) must not be below thresholds.on_track (${thresholds.onTrack})`));
    return { config: defaults, problems };
  }
  if (configured > maxFileSize) {
    const at = parsed.tree ? lines.locate(locateYamlPath(parsed.tree, ['max_file_size'])) : START_OF_FILE;
    problems.push(
      problem(
        path,
        at,
        'warning',
        'config',
        `max_file_size: ${formatSize(configured)} is over the limit of ${formatSize(maxFileSize)}, which the workspace can lower but not raise: the limit stays ${formatSize(maxFileSize)} (raise it with --max-file-size or OKR_MAX_FILE_SIZE)`,
      ),
    );
  }
  const cadence = cadenceDays(result.data.checkins?.cadence) ?? DEFAULT_CONFIG.cadenceDays;
  return { config: { thresholds, maxFileSize: Math.min(configured, maxFileSize), exclude: result.data.exclude ?? [], cadenceDays: cadence }, problems };
}
