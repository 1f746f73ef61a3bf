/**
 * Escaping for the HTML report. Everything from the files (titles, notes, owners, ids, paths,
 * problem messages) is data: it goes into the page only through these functions.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `value` as HTML text or as a quoted attribute value: `& < > " '` escaped, so it can neither open
 * a tag nor leave an attribute. Control characters other than tab and newline (which HTML forbids
 * or shows oddly) become U+FFFD.
 */
export function escapeHtml(value: string): string {
  // One pass, and none for the common text that holds nothing to escape.
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPED, (c) => HTML_ESCAPES[c] ?? '\uFFFD');
}

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const ESCAPED = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Whether `linkBase` may prefix links in the page: an absolute `http:` or `https:` URL. Anything
 * else (a `javascript:` or `data:` URL, a relative path) is refused, so that no link in the page
 * can run script.
 */
export function isSafeLinkBase(linkBase: string): boolean {
  try {
    const url = new URL(linkBase);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The `href` of a link to workspace file `file` (a relative path with `/`) at `line`, under
 * `linkBase` (see isSafeLinkBase; null or unsafe gives null: no link), each path segment
 * percent-encoded, as the Markdown report links (`?plain=1#L<line>` shows the source on GitHub).
 * Returned already escaped for an attribute.
 */
export function fileHref(file: string, linkBase: string | null, line?: number): string | null {
  if (linkBase === null || !isSafeLinkBase(linkBase)) return null;
  const encoded = file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  const base = linkBase.endsWith('/') ? linkBase : `${linkBase}/`;
  const anchor = line === undefined ? '' : `?plain=1#L${line}`;
  return escapeHtml(`${base}${encoded}${anchor}`);
}

/** `file` (`:line` when given) as page text, a link under `linkBase` when there is one (see fileHref). */
export function fileReference(file: string, linkBase: string | null, line?: number): string {
  const label = escapeHtml(line === undefined ? file : `${file}:${line}`);
  const href = fileHref(file, linkBase, line);
  return href === null ? `<span class="path">${label}</span>` : `<a class="path" href="${href}">${label}</a>`;
}
