/**
 * Guards that keep hostile input bounded. Each is a linear scan run before a parser that could
 * otherwise recurse too deep or take too long; a file over a limit is reported, never half-read.
 */

/** Container nesting (block quotes and lists) beyond which a body is not parsed. */
export const MAX_MARKDOWN_NESTING = 100;

/** Nesting of YAML collections beyond which front-matter is not parsed. */
export const MAX_YAML_NESTING = 64;

/** Front-matter larger than this is not parsed: real front-matter is a few kilobytes. */
export const MAX_FRONT_MATTER_LENGTH = 256 * 1024;

/** The most bytes okr.config.yaml may have (a real one is a few lines); a larger one is not read. */
export const MAX_CONFIG_SIZE = 64 * 1024;

export { DEFAULT_MAX_FILE_SIZE } from '../model/config.js';

export interface NestingFound {
  depth: number;
  /** 0-based offset of the line where the limit is passed. */
  offset: number;
}

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

/**
 * Deepest container nesting of any line, counted generously: every `>` and list marker that opens
 * a line, plus the indentation before a list marker in steps of two columns (the least a nested
 * list needs). Returns null when no line is deeper than `limit`.
 */
export function findDeepMarkdownNesting(markdown: string, limit = MAX_MARKDOWN_NESTING): NestingFound | null {
  let lineStart = 0;
  while (lineStart <= markdown.length) {
    let lineEnd = markdown.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = markdown.length;
    let depth = 0;
    let columns = 0;
    let i = lineStart;
    while (i < lineEnd) {
      const char = markdown[i]!;
      if (char === ' ') {
        columns++;
        i++;
      } else if (char === '\t') {
        columns += 4 - (columns % 4);
        i++;
      } else if (char === '>') {
        depth++;
        columns = 0;
        i++;
      } else {
        const marker = LIST_MARKER.exec(markdown.slice(i, Math.min(lineEnd, i + 11)));
        if (!marker) break;
        depth += 1 + Math.floor(columns / 2);
        columns = 0;
        i += marker[0].length;
      }
      if (depth > limit) return { depth, offset: lineStart };
    }
    lineStart = lineEnd + 1;
  }
  return null;
}

/**
 * Deepest nesting of YAML flow collections (`[`, `{`) and of block indentation, outside quoted
 * scalars and comments. Generous like the Markdown scan; null when within `limit`.
 */
export function findDeepYamlNesting(yaml: string, limit = MAX_YAML_NESTING): NestingFound | null {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = 0;
  let atLineStart = true;
  let column = 0;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < yaml.length; i++) {
    const char = yaml[i]!;
    if (char === '\n' || char === '\r') {
      atLineStart = true;
      column = 0;
      lineStart = i + 1;
      continue;
    }
    if (atLineStart) {
      if (char === ' ' || char === '-') {
        column++;
        continue;
      }
      atLineStart = false;
      if (char !== '#') {
        while (indents.length > 0 && indents[indents.length - 1]! >= column) indents.pop();
        indents.push(column);
        if (indents.length + flow > limit) return { depth: indents.length + flow, offset: lineStart };
      }
    }
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"') i++;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(yaml[i - 1]!))) {
      const end = yaml.indexOf('\n', i);
      i = end === -1 ? yaml.length : end - 1;
    } else if (char === '[' || char === '{') {
      flow++;
      if (indents.length + flow > limit) return { depth: indents.length + flow, offset: lineStart };
    } else if ((char === ']' || char === '}') && flow > 0) flow--;
  }
  return null;
}

/** `max_file_size` in okr.config.yaml: a number of bytes, or "512 kB", "5 MB", "1.5MiB". */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : null;
  const match = /^(\d+(?:\.\d+)?)\s*(B|kB|KB|KiB|MB|MiB|GB|GiB)?$/i.exec(value.trim());
  if (!match) return null;
  const units: Record<string, number> = { b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3 };
  const bytes = Math.round(Number(match[1]) * units[(match[2] ?? 'b').toLowerCase()]!);
  return bytes > 0 ? bytes : null;
}

/** A byte count for a message: `512 bytes`, `1.5 kB`, `5 MB` (1 kB = 1024 bytes, one decimal at most). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} kB`;
  return `${bytes} bytes`;
}
