/**
 * The one module that loads gray-matter, the one splitter of front-matter from body. It is
 * configured so that its only engines are YAML and JSON, both handing the text to okr's YAML reader
 * (yaml.ts; JSON is YAML): its own js-yaml and its `eval` for `---js` never run. The opening line's
 * language is read here first: any language but YAML and JSON is refused, and gray-matter gets the
 * text with the language blanked out, so it never looks an engine up by a name from the file.
 */
import matter from 'gray-matter';
import type { Document } from 'yaml';
import { parseYaml, type ParsedYaml, type YamlTree } from './yaml.js';
import { excerpt } from '../model/problem.js';
import type { RuleId } from '../model/rules.js';

export interface FrontMatterIssue {
  /** Offset into the file's text. */
  offset: number;
  rule: RuleId;
  message: string;
}

export interface SplitFile {
  /** True when the file opens with a front-matter block. */
  hasFrontMatter: boolean;
  data: unknown;
  /** Where the front-matter's nodes are (locateYamlPath, mappingKeyOffsets); null without front-matter. */
  tree: YamlTree | null;
  /** The `yaml` Document, for edits (describeYamlPath); null without front-matter or when not read. */
  readonly document: Document | null;
  /** Offset of the YAML text in the file; YAML offsets are relative to it. */
  yamlOffset: number;
  body: string;
  bodyOffset: number;
  issues: FrontMatterIssue[];
}

const ACCEPTED_LANGUAGES = new Set(['', 'yaml', 'yml', 'json']);

const CAPTURED = Symbol('captured');
interface CapturedYaml {
  [CAPTURED]: string;
}

/** gray-matter's engine for YAML and JSON: keeps the text for our YAML reader. */
function captureYaml(text: string): CapturedYaml {
  return { [CAPTURED]: text };
}

function readYaml(text: string): ParsedYaml {
  // With CRLF line endings the block ends in a lone "\r" (its "\n" belongs to the closing "---"
  // line), which the YAML parser rejects after a flow collection. Completing the line break moves
  // no offset.
  return parseYaml(text.endsWith('\r') ? `${text}\n` : text);
}

/** What a block with nothing to read (blank, or only comments) gives. */
function emptyBlock(): ParsedYaml {
  return { data: {}, tree: null, document: null, issues: [] };
}

function refuseEngine(): never {
  throw new Error('refused front-matter engine');
}

/**
 * gray-matter's engines, merged over its defaults: YAML and JSON read by okr, the code-executing ones
 * replaced by a refusal (never reached: gray-matter is only given the default language, YAML).
 */
const ENGINES = {
  yaml: { parse: captureYaml },
  json: { parse: captureYaml },
  javascript: { parse: refuseEngine },
  coffee: { parse: refuseEngine },
};

/**
 * gray-matter's split of a text that opens with "---" and a (blanked) language: the block's text as
 * its engine gets it (from just after "---" to before the closing line's "\n"), whether the block is
 * empty to it (blank or comment lines only: its engine is not called), whether a closing line was
 * found, and where the body starts. gray-matter caches results by content unless options are
 * passed: options are always passed.
 */
function grayMatterSplit(text: string): { matter: string; empty: boolean; closed: boolean; bodyOffset: number } {
  let captured: string | null = null;
  const engine = {
    parse: (yaml: string) => {
      captured = yaml;
      return captureYaml(yaml);
    },
  };
  const file = matter(text, { language: 'yaml', engines: { ...ENGINES, yaml: engine } });
  // gray-matter closes the block at the first line that starts with "---"; without one, it takes
  // the whole rest of the file for the block and leaves no body.
  const closed = 3 + file.matter.length < text.length;
  return { matter: file.matter, empty: captured === null, closed, bodyOffset: text.length - file.content.length };
}

/**
 * Splits `text` (no BOM) into front-matter and body, and reads the front-matter as YAML. Never throws:
 * a language other than YAML or JSON (`front-matter-language`), a block never closed
 * (`front-matter-unclosed`), CR-only line endings (`cr-line-endings`) and every YAML issue are
 * `issues`, at UTF-16 offsets into `text`. A text that does not open with a `---` line (or opens with
 * `----`, or is one `---` line) has no front-matter.
 */
export function splitFrontMatter(text: string): SplitFile {
  const none: SplitFile = {
    hasFrontMatter: false,
    data: undefined,
    tree: null,
    document: null,
    yamlOffset: 0,
    body: text,
    bodyOffset: 0,
    issues: [],
  };
  if (!text.startsWith('---') || text.charAt(3) === '-') return none;
  const firstLineEnd = text.search(/\r?\n|\r/);
  if (firstLineEnd === -1) {
    // A lone `---` line: a thematic break, not front-matter.
    return none;
  }
  // The language is the rest of the opening line as gray-matter reads it: up to the first "\n", so
  // that a lone CR before it is part of it (and makes it no language okr knows).
  const firstLine = text.slice(0, firstLineEnd);
  const loneCr = text[firstLineEnd] === '\r' && text[firstLineEnd + 1] !== '\n' && text.includes('\n');
  const languageRaw = loneCr ? text.slice(3, text.indexOf('\n')).replace(/\r$/, '') : firstLine.slice(3);
  const language = languageRaw.trim().toLowerCase();
  const accepted = ACCEPTED_LANGUAGES.has(language);
  // Without any "\n" there is no closing line (gray-matter, which looks for "\n---", would take all
  // but the last character for the language).
  const hasLineFeed = text.includes('\n');
  if (accepted && !hasLineFeed) {
    return {
      ...none,
      issues: [
        {
          offset: 0,
          rule: 'cr-line-endings',
          message: 'file uses old Mac (CR-only) line endings, so its front-matter cannot be read: save it with LF or CRLF line endings',
        },
      ],
    };
  }
  // gray-matter never sees a language: blanked, the opening line reads as a bare "---" to it, with
  // every offset in place.
  const split = hasLineFeed ? grayMatterSplit(language === '' ? text : `---${' '.repeat(languageRaw.length)}${text.slice(3 + languageRaw.length)}`) : null;
  if (!accepted) {
    const bodyOffset = split ? split.bodyOffset : text.length;
    return {
      ...none,
      hasFrontMatter: true,
      body: text.slice(bodyOffset),
      bodyOffset,
      issues: [
        {
          offset: 3 + (languageRaw.length - languageRaw.trimStart().length),
          rule: 'front-matter-language',
          message: `front-matter language ${excerpt(languageRaw.trim())} is not supported: use YAML (---) or JSON (---json)`,
        },
      ],
    };
  }
  if (!split || !split.closed) {
    const dots = /(?:\r?\n|\r)\.\.\.[ \t]*(?:\r?\n|\r|$)/.exec(text);
    return {
      ...none,
      hasFrontMatter: true,
      body: '',
      bodyOffset: text.length,
      issues: [
        dots
          ? {
              offset: dots.index + dots[0].search(/\./),
              rule: 'front-matter-unclosed',
              message: 'front-matter is closed with "...": close it with a line "---" instead',
            }
          : {
              offset: 0,
              rule: 'front-matter-unclosed',
              message: 'front-matter opened by "---" on line 1 is never closed: add a line "---" after it',
            },
      ],
    };
  }
  // After a bare "---" (and trailing spaces) the YAML text starts with those spaces; after a
  // language, on the next line.
  const yamlOffset = 3 + (language === '' ? 0 : languageRaw.length);
  const { bodyOffset } = split;
  const yamlText = split.matter.slice(yamlOffset - 3);
  const parsed = split.empty ? emptyBlock() : readYaml(yamlText);
  // The hint is for a Markdown file that opens with a `---` rule: only when the block, opened by a
  // bare `---`, does not look like front-matter.
  const hint = language === '' && !looksLikeFrontMatter(yamlText) ? ' (a file without front-matter must not start with a "---" line)' : '';
  return {
    hasFrontMatter: true,
    data: parsed.data,
    tree: parsed.tree,
    document: parsed.document,
    yamlOffset,
    body: text.slice(bodyOffset),
    bodyOffset,
    issues: parsed.issues.map((issue) => ({
      ...issue,
      offset: issue.offset + yamlOffset,
      message: issue.rule === 'yaml-syntax' ? `${issue.message}${hint}` : issue.message,
    })),
  };
}

/** A first content line of the form `key:` or `key: value` (a plain or quoted key at column 1), or `{`. */
const FRONT_MATTER_START = /^(?:[A-Za-z_][\w.-]*|"[^"\r\n]*"|'[^'\r\n]*')[ \t]*:(?:[ \t]|$)|^\{/;

/**
 * Whether the text of a `---` block looks meant as front-matter: its first line that is neither
 * blank nor a `#` comment is a mapping key at the start of the line, `key:` or `key: value` (the key
 * a word of letters, digits, `_`, `-` and `.`, or quoted), or opens a flow mapping `{`. Prose, a
 * list or a key with spaces in it (`Some text: more`) do not; a Markdown heading reads as a comment
 * and is skipped. Used to decide whether a YAML syntax error gets the hint that a file without
 * front-matter must not start with `---`, and whether blank lines before a block hide front-matter.
 */
export function looksLikeFrontMatter(block: string): boolean {
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (/^[ \t]*(?:#.*)?$/.test(line)) continue;
    return FRONT_MATTER_START.test(line);
  }
  return false;
}
