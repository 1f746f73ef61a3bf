/**
 * The `[/]` (in progress) and `[-]` (cancelled) task markers, as a micromark construct that
 * matches exactly where GFM's `[x]` check does: at the very start of a list item's first content,
 * followed by a line ending, or by spaces and something. Also the matching mdast-util-from-markdown
 * extension and unified plugin, with which tests hold markdown.ts to a remark parse. No run-time
 * imports: micromark calls the construct, and only markdown.ts loads micromark.
 */
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types';
import type { CompileContext, Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';
import type { TaskState } from './index.js';

export const MARKER = 'okrTaskMarker' as Token['type'];
const MARKER_SIGN = 'okrTaskMarkerSign' as Token['type'];
export const MARKER_IN_PROGRESS = 'okrTaskMarkerInProgress' as Token['type'];
export const MARKER_CANCELLED = 'okrTaskMarkerCancelled' as Token['type'];
const WHITESPACE = 'whitespace' as Token['type'];

const taskMarker: Construct = { name: 'okrTaskMarker', tokenize: tokenizeTaskMarker };
const spaceThenContent: Construct = { tokenize: tokenizeSpaceThenContent, partial: true };

/** micromark syntax extension for the `[/]` and `[-]` task markers. */
export const taskMarkerSyntax: Extension = { text: { 91: taskMarker } };

function tokenizeTaskMarker(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- micromark calls the state functions below without `this`; they read the tokenizer's context through `self`, as micromark's own extensions do
  const self = this;
  return open;

  function open(code: Code): State | undefined {
    // Only at the very start of a list item's first content, like GFM's check.
    if (self.previous !== null || !self._gfmTasklistFirstContentOfListItem) return nok(code);
    effects.enter(MARKER);
    effects.enter(MARKER_SIGN);
    effects.consume(code);
    effects.exit(MARKER_SIGN);
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code !== 47 && code !== 45) return nok(code);
    const type = code === 47 ? MARKER_IN_PROGRESS : MARKER_CANCELLED;
    effects.enter(type);
    effects.consume(code);
    effects.exit(type);
    return close;
  }

  function close(code: Code): State | undefined {
    if (code !== 93) return nok(code);
    effects.enter(MARKER_SIGN);
    effects.consume(code);
    effects.exit(MARKER_SIGN);
    effects.exit(MARKER);
    return after;
  }

  function after(code: Code): State | undefined {
    if (code !== null && code < -2) return ok(code); // a line ending: the paragraph goes on
    if (code === -2 || code === -1 || code === 32) return effects.check(spaceThenContent, ok, nok)(code);
    return nok(code);
  }
}

function tokenizeSpaceThenContent(effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter(WHITESPACE);
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === -2 || code === -1 || code === 32) {
      effects.consume(code);
      return inside;
    }
    effects.exit(WHITESPACE);
    return code === null ? nok(code) : ok(code);
  }
}

interface TaskData {
  okrTaskState?: TaskState;
  okrCheckOffset?: number;
}

function taskDataOf(context: CompileContext): TaskData | null {
  const node = context.stack[context.stack.length - 2];
  if (node?.type !== 'listItem') return null;
  node.data ??= {};
  return node.data;
}

/**
 * remark-gfm's handler for a check, minus its assumption that the paragraph is in a list item:
 * after a lazy line it may not be (remark-gfm's production build then marks the parent anyway,
 * which nothing reads; its development build throws).
 */
function exitCheck(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 2];
  if (node?.type === 'listItem') node.checked = (token.type as string) === 'taskListCheckValueChecked';
}

/** mdast-util-from-markdown extension: records the markers' state and every check's offset. */
export const taskMarkerFromMarkdown: FromMarkdownExtension = {
  enter: {
    taskListCheck(this: CompileContext, token: Token) {
      const data = taskDataOf(this);
      if (data) data.okrCheckOffset = token.start.offset;
    },
    [MARKER](this: CompileContext, token: Token) {
      const data = taskDataOf(this);
      if (data) data.okrCheckOffset = token.start.offset;
    },
  },
  exit: {
    taskListCheckValueChecked: exitCheck,
    taskListCheckValueUnchecked: exitCheck,
    [MARKER_IN_PROGRESS](this: CompileContext) {
      const data = taskDataOf(this);
      if (data) data.okrTaskState = 'in-progress';
    },
    [MARKER_CANCELLED](this: CompileContext) {
      const data = taskDataOf(this);
      if (data) data.okrTaskState = 'cancelled';
    },
  },
};

/** unified plugin adding the markers to remark-parse. */
export function remarkTaskMarkers(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: FromMarkdownExtension[] };
  (data.micromarkExtensions ??= []).push(taskMarkerSyntax);
  (data.fromMarkdownExtensions ??= []).push(taskMarkerFromMarkdown);
}
