/**
 * The one module that loads gray-matter. It splits a file into front-matter and body, and hands the
 * front-matter to our YAML reader: gray-matter's own engines (js-yaml, and `eval` for `---js`) never
 * run. The usual block is split by hand (front-matter-split.ts) with the same result; gray-matter,
 * loaded on first use, splits the rest.
 */
import { createRequire } from 'node:module';
import type { Document } from 'yaml';
import { findClosingLine, splitSimpleFrontMatter } from './front-matter-split.js';
import { parseYaml, type ParsedYaml, type YamlTree } from './yaml.js';
import { excerpt } from '../model/problem.js';

export interface FrontMatterIssue {
  /** Offset into the file's text. */
  offset: number;
  rule: string;
  message: string;
}

export interface SplitFile {
  /** True when the file opens with a front-matter block. */
  hasFrontMatter: boolean;
  data: unknown;
  /** Where the front-matter's nodes are (locateYamlPath, mappingKeyOffsets); null without front-matter. */
  tree: YamlTree | null;
  /** The `yaml` Document, for edits: parsed on first use. */
  readonly document: Document | null;
  /** Offset of the YAML text in the file; YAML offsets are relative to it. */
  yamlOffset: number;
  body: string;
  bodyOffset: number;
  issues: FrontMatterIssue[];
}

const ACCEPTED_LANGUAGES = new Set(['', 'yaml', 'yml', 'json']);

type GrayMatter = typeof import('gray-matter');
let loadedGrayMatter: GrayMatter | undefined;

/** gray-matter, loaded on first use: most files are split by hand. require() is synchronous, like the parse. */
function grayMatter(): GrayMatter {
  return (loadedGrayMatter ??= createRequire(import.meta.url)('gray-matter') as GrayMatter);
}

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

/** Engines that gray-matter may call. Code-executing ones are replaced by a refusal. */
const ENGINES = {
  yaml: { parse: captureYaml },
  json: { parse: captureYaml },
  javascript: { parse: refuseEngine },
  coffee: { parse: refuseEngine },
};

/**
 * Splits a file's text (without its BOM) into front-matter and body, as gray-matter does: a block
 * opened by a `---` line (optionally `---yaml`, `---yml` or `---json`), read by parseYaml. Offsets
 * are UTF-16 code units: `yamlOffset` where the YAML starts in `text` (offsets in `tree` are
 * relative to it), `bodyOffset` where the body starts, issues' offsets into `text`. Problems are
 * returned as `issues`, never thrown: another language (`---js`, ...) refused unread
 * (front-matter-language), a block never closed (front-matter-unclosed), CR-only line endings
 * (cr-line-endings), and the YAML's own issues.
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
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  // gray-matter reads the language up to the first "\n": a lone CR before it is part of it (and
  // no language gray-matter knows), so the first line is taken the same way here.
  const loneCr = text[firstLineEnd] === '\r' && text[firstLineEnd + 1] !== '\n' && text.includes('\n');
  const languageRaw = loneCr ? text.slice(3, text.indexOf('\n')).replace(/\r$/, '') : firstLine.slice(3);
  const language = languageRaw.trim().toLowerCase();
  if (firstLineEnd === -1) {
    // A lone `---` line: a thematic break, not front-matter.
    return none;
  }
  if (!ACCEPTED_LANGUAGES.has(language)) {
    const closing = findClosingLine(text, firstLineEnd);
    return {
      ...none,
      hasFrontMatter: true,
      body: closing ? text.slice(closing.bodyOffset) : '',
      bodyOffset: closing ? closing.bodyOffset : text.length,
      issues: [
        {
          offset: 3 + (languageRaw.length - languageRaw.trimStart().length),
          rule: 'front-matter-language',
          message: `front-matter language ${excerpt(languageRaw.trim())} is not supported: use YAML (---) or JSON (---json)`,
        },
      ],
    };
  }
  const closing = findClosingLine(text, firstLineEnd);
  if (!closing && !text.includes('\n')) {
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
  if (!closing) {
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

  const simple = splitSimpleFrontMatter(text);
  let yamlOffset: number;
  let bodyOffset: number;
  let parsed: ParsedYaml;
  if (simple) {
    ({ yamlOffset, bodyOffset } = simple);
    parsed = simple.empty ? emptyBlock() : readYaml(simple.yaml);
  } else {
    // gray-matter looks the engine up by the language as written, and knows only "json" of JSON's
    // spellings: "---JSON" must find ours too (the name is one of YAML's or JSON's, never code's).
    const engines = language === '' ? ENGINES : { ...ENGINES, [languageRaw.trim()]: ENGINES.json };
    // gray-matter caches results by content unless options are passed; we always pass options.
    const file = grayMatter()(text, { language: language === '' ? 'yaml' : language, engines });
    // gray-matter drops the opening line's rest only when it names a language: after a bare "---"
    // and trailing spaces, the YAML text starts with those spaces.
    yamlOffset = 3 + (language === '' ? 0 : languageRaw.length);
    bodyOffset = text.length - file.content.length;
    const captured = file.data as unknown;
    parsed =
      captured !== null && typeof captured === 'object' && CAPTURED in captured
        ? readYaml((captured as CapturedYaml)[CAPTURED])
        : emptyBlock(); // an empty or comment-only block
  }
  return {
    hasFrontMatter: true,
    data: parsed.data,
    tree: parsed.tree,
    get document() {
      return parsed.document;
    },
    yamlOffset,
    body: text.slice(bodyOffset),
    bodyOffset,
    issues: parsed.issues.map((issue) => ({
      ...issue,
      offset: issue.offset + yamlOffset,
      message: issue.rule === 'yaml-syntax' ? `${issue.message} (a file without front-matter must not start with a "---" line)` : issue.message,
    })),
  };
}
