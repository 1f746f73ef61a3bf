/**
 * The `[/]` (in progress) and `[-]` (cancelled) task markers, as a micromark construct that
 * matches exactly where GFM's `[x]` check does: at the very start of a list item's first content,
 * followed by a line ending, or by spaces and something. No run-time imports: micromark calls the
 * construct, and only index.ts loads micromark. (The matching mdast-util-from-markdown extension
 * and unified plugin, with which tests hold index.ts to a remark parse, are in
 * test/helpers/remark-task-markers.ts.)
 */
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types';

/** Token of a whole `[/]` or `[-]` marker. */
export const MARKER = 'okrTaskMarker' as Token['type'];
const MARKER_SIGN = 'okrTaskMarkerSign' as Token['type'];
/** Token of the `/` inside `[/]`. */
export const MARKER_IN_PROGRESS = 'okrTaskMarkerInProgress' as Token['type'];
/** Token of the `-` inside `[-]`. */
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
