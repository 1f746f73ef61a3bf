/**
 * The format of the facts the parser produces (src/parse/file-facts.ts). Raise it whenever the
 * facts of some file would change (a new field, a changed rule, a different message): the facts
 * cache names its data by it, with okr's version and the parsing libraries' versions, so facts of
 * an older parser are never read. Kept apart so that a warm run can name its cache without loading
 * the parser.
 */
export const PARSER_FORMAT = 11;
