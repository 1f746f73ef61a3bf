/**
 * Templates for new files and entries: text with `{{name}}` placeholders. A line whose placeholders
 * have no value is left out, so one template serves optional keys. In YAML (front-matter, or a
 * whole `.yaml` template) values are written as YAML scalars, quoted when they need it; in the
 * Markdown body they are written as they are.
 */
import { formatYamlScalar } from '../parse/yaml.js';

export type TemplateValue = string | number | boolean | null | undefined;

export class TemplateError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'TemplateError';
    this.line = line;
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * `values` names every known placeholder; an unknown one is an error. `yaml` says where values are
 * YAML: the whole template, or only its front-matter block.
 */
export function renderTemplate(source: string, values: Readonly<Record<string, TemplateValue>>, yaml: 'all' | 'front-matter'): string {
  const lines = source.split(/(?<=\n)/);
  const out: string[] = [];
  let inFrontMatter = false;
  lines.forEach((line, index) => {
    const bare = line.replace(/\r?\n$/, '');
    if (yaml === 'front-matter' && bare.trimEnd() === '---' && (index === 0 || inFrontMatter)) {
      inFrontMatter = index === 0;
      out.push(line);
      return;
    }
    const isYaml = yaml === 'all' || inFrontMatter;
    let missing = false;
    const rendered = line.replace(PLACEHOLDER, (_match, name: string) => {
      if (!Object.hasOwn(values, name)) {
        throw new TemplateError(
          `unknown placeholder {{${name}}} (known: ${Object.keys(values)
            .map((key) => `{{${key}}}`)
            .join(', ')})`,
          index + 1,
        );
      }
      const value = values[name];
      if (value === undefined || value === null || value === '') {
        missing = true;
        return '';
      }
      return isYaml ? formatYamlScalar(value, 'flow') : String(value);
    });
    if (!missing) out.push(rendered);
  });
  return out.join('');
}
