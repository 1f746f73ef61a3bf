/**
 * The text of a paragraph's inline content as mdast-util-to-string reads it after a remark-gfm
 * parse, worked out directly for the constructs task text is usually made of: plain text, code
 * spans, `*` and `_` emphasis, inline links and images. It follows micromark's algorithms (code
 * spans left to right, label ends, the attention resolver). Anything else it might meet (escapes,
 * character references, HTML, autolinks, strikethrough, nested brackets, links across lines) makes
 * it return null, and the caller asks micromark.
 */

const TEXT = 0;
const SEQUENCE = 1;
const BRACKET = 2;

interface TextToken {
  kind: typeof TEXT;
  text: string;
}

/** A run of `*` or `_`, with what micromark's attention tokenizer decides about it. */
interface SequenceToken {
  kind: typeof SEQUENCE;
  marker: number;
  size: number;
  open: boolean;
  close: boolean;
}

/** `[` or `![` that may start a link or image. */
interface BracketToken {
  kind: typeof BRACKET;
  image: boolean;
}

type Token = TextToken | SequenceToken | BracketToken;

const LITERAL_AUTOLINK = /^(?:www\.|https?:\/\/)/i;

/** At most this much is worked out here; micromark also limits labels to 999 characters. */
const MAX_LENGTH = 900;

/**
 * The raw (not yet normalized) text of `content` from `from` on, or null when micromark must decide.
 * `content` is the paragraph's content as its text tokenizer sees it: lines joined by `\n`.
 */
export function simpleInlineText(content: string, from: number): string | null {
  if (content.length - from > MAX_LENGTH) return null;
  for (let i = from; i < content.length; i++) {
    const code = content.charCodeAt(i);
    // Escapes, character references, HTML and autolinks, strikethrough, GFM email autolinks.
    if (code === 92 || code === 38 || code === 60 || code === 126 || code === 64 || code === 0) return null;
  }

  const tokens: Token[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') tokens.push({ kind: TEXT, text });
    text = '';
  };
  let openBracket = -1; // index in tokens of the `[` waiting for its `]`, or -1

  let i = from;
  while (i < content.length) {
    const code = content.charCodeAt(i);
    if (code === 96) {
      // A code span: the run of backticks up to the next run of exactly as many.
      const size = runLength(content, i, code);
      const close = findClosingRun(content, i + size, size);
      if (close === -1) {
        text += content.slice(i, i + size);
      } else {
        flush();
        tokens.push({ kind: TEXT, text: codeSpanText(content.slice(i + size, close)) });
      }
      i = close === -1 ? i + size : close + size;
    } else if (code === 42 || code === 95) {
      flush();
      const size = runLength(content, i, code);
      tokens.push(sequence(code, size, i > 0 ? content.charCodeAt(i - 1) : null, i + size < content.length ? content.charCodeAt(i + size) : null));
      i += size;
    } else if (code === 91 || (code === 33 && content.charCodeAt(i + 1) === 91)) {
      if (openBracket !== -1) return null; // nested brackets: label rules get intricate
      flush();
      openBracket = tokens.length;
      tokens.push({ kind: BRACKET, image: code === 33 });
      i += code === 33 ? 2 : 1;
    } else if (code === 93 && openBracket !== -1) {
      const end = content.charCodeAt(i + 1) === 40 ? resourceEnd(content, i + 1) : -1;
      if (end === null) return null;
      flush();
      if (end === -1) {
        // No resource, and without definitions no reference: the `[` and `]` are text.
        const bracket = tokens[openBracket] as BracketToken;
        tokens[openBracket] = { kind: TEXT, text: bracket.image ? '![' : '[' };
        text = ']';
        i++;
      } else {
        // A link or image: its text is its label's, emphasis resolved inside. (An image's text
        // is remark's `alt`, where a hard line break counts for nothing: left to micromark.)
        const bracket = tokens[openBracket] as BracketToken;
        if (bracket.image && labelHasLineBreak(tokens, openBracket)) return null;
        const label = tokens.splice(openBracket + 1);
        tokens[openBracket] = { kind: TEXT, text: resolvedText(label) };
        i = end;
      }
      openBracket = -1;
    } else {
      // GFM literal autolinks (`www.`, `http://`, `https://`) can start in text, not in code spans
      // or link destinations: where one might, micromark decides.
      if ((code === 119 || code === 87 || code === 104 || code === 72) && LITERAL_AUTOLINK.test(content.slice(i, i + 8))) return null;
      text += content[i];
      i++;
    }
  }
  flush();
  if (openBracket !== -1) {
    const bracket = tokens[openBracket] as BracketToken;
    tokens[openBracket] = { kind: TEXT, text: bracket.image ? '![' : '[' };
  }
  return resolvedText(tokens);
}

function labelHasLineBreak(tokens: readonly Token[], openBracket: number): boolean {
  return tokens.slice(openBracket + 1).some((token) => token.kind === TEXT && token.text.includes('\n'));
}

function runLength(content: string, at: number, code: number): number {
  let end = at;
  while (end < content.length && content.charCodeAt(end) === code) end++;
  return end - at;
}

/** Start of the next run of exactly `size` backticks at or after `from`, or -1. */
function findClosingRun(content: string, from: number, size: number): number {
  let i = content.indexOf('`', from);
  while (i !== -1) {
    const length = runLength(content, i, 96);
    if (length === size) return i;
    i = content.indexOf('`', i + length);
  }
  return -1;
}

/** A code span's text: one space (or line ending) of padding off each end when both have one. */
function codeSpanText(inner: string): string {
  const padded = (code: number) => code === 32 || code === 10;
  if (inner.length >= 2 && padded(inner.charCodeAt(0)) && padded(inner.charCodeAt(inner.length - 1)) && /[^ \n]/.test(inner)) {
    return inner.slice(1, -1);
  }
  return inner;
}

/** micromark's classifyCharacter: 1 whitespace, 2 punctuation, 0 other (per UTF-16 code unit). */
function classify(code: number | null): number {
  if (code === null || code === 10 || code === 13 || code === 9 || code === 32) return 1;
  const char = String.fromCharCode(code);
  if (/\s/.test(char)) return 1;
  if (/\p{P}|\p{S}/u.test(char)) return 2;
  return 0;
}

/** A run of `*` or `_` and whether it may open or close, as micromark's attention tokenizer decides. */
function sequence(marker: number, size: number, previous: number | null, next: number | null): SequenceToken {
  const before = classify(previous);
  const after = classify(next);
  const open = !after || (after === 2 && before !== 0);
  const close = !before || (before === 2 && after !== 0);
  return {
    kind: SEQUENCE,
    marker,
    size,
    open: marker === 42 ? open : open && (before !== 0 || !close),
    close: marker === 42 ? close : close && (after !== 0 || !open),
  };
}

/**
 * End (after the `)`) of the inline resource of a link opening at `at` (a `(`); -1 when there is
 * none there; null when this module does not follow what is there (line endings, angle brackets).
 */
function resourceEnd(content: string, at: number): number | null {
  let i = at + 1;
  const skipSpaces = () => {
    while (content.charCodeAt(i) === 32 || content.charCodeAt(i) === 9) i++;
  };
  skipSpaces();
  if (content.charCodeAt(i) === 10) return null;
  if (content.charCodeAt(i) === 41) return i + 1;
  // The destination: no spaces or controls, parentheses balanced (at most 32 deep).
  let balance = 0;
  const start = i;
  for (; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code === 10) return null;
    if (code < 32 || code === 127) return -1;
    if (code === 40) {
      if (balance >= 32) return -1;
      balance++;
    } else if (code === 41) {
      if (balance === 0) break;
      balance--;
    } else if (code === 32 || code === 9) {
      if (balance > 0) return -1;
      break;
    }
  }
  if (i === start || i >= content.length || balance > 0) return -1;
  if (content.charCodeAt(i) === 41) return i + 1;
  // Whitespace, then maybe a title, then `)`.
  skipSpaces();
  if (content.charCodeAt(i) === 10) return null;
  if (content.charCodeAt(i) === 41) return i + 1;
  const quote = content.charCodeAt(i);
  if (quote !== 34 && quote !== 39) return quote === 40 ? null : -1;
  const close = content.indexOf(String.fromCharCode(quote), i + 1);
  if (close === -1) return -1;
  if (content.slice(i + 1, close).includes('\n')) return null;
  i = close + 1;
  skipSpaces();
  if (content.charCodeAt(i) === 10) return null;
  return content.charCodeAt(i) === 41 ? i + 1 : -1;
}

/** Resolves emphasis among `tokens` as micromark's attention resolver does, and returns their text. */
function resolvedText(tokens: Token[]): string {
  let index = 0;
  while (index < tokens.length) {
    const closer = tokens[index]!;
    if (closer.kind !== SEQUENCE || !closer.close) {
      index++;
      continue;
    }
    let matched = false;
    for (let open = index - 1; open >= 0; open--) {
      const opener = tokens[open]!;
      if (opener.kind !== SEQUENCE || !opener.open || opener.marker !== closer.marker) continue;
      if ((opener.close || closer.open) && closer.size % 3 && !((opener.size + closer.size) % 3)) continue;
      const use = opener.size > 1 && closer.size > 1 ? 2 : 1;
      opener.size -= use;
      closer.size -= use;
      // What lies between is resolved: its unmatched runs are text.
      const inner = tokens.slice(open + 1, index);
      const text: Token = { kind: TEXT, text: plainText(inner) };
      const span = index - open + 1;
      if (opener.size > 0 && closer.size > 0) tokens.splice(open, span, opener, text, closer);
      else if (opener.size > 0) tokens.splice(open, span, opener, text);
      else if (closer.size > 0) tokens.splice(open, span, text, closer);
      else tokens.splice(open, span, text);
      index = open + (opener.size > 0 ? 2 : 1);
      matched = true;
      break;
    }
    if (!matched) index++;
  }
  return plainText(tokens);
}

function plainText(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.kind === TEXT) text += token.text;
    else if (token.kind === SEQUENCE) text += String.fromCharCode(token.marker).repeat(token.size);
    else text += token.image ? '![' : '[';
  }
  return text;
}
