/** The lines of the files that problems point into, so that reports can show the offending line. */
import path from 'node:path';
import { isConfigFile } from '../model/config.js';
import { MAX_CONFIG_SIZE } from '../parse/limits.js';
import { splitReportedLines } from '../parse/text-position.js';
import { findInvalidUtf8, stripBom } from '../parse/utf8.js';
import { readGuardedFile } from './guarded-file.js';
import type { WorkspaceFile } from './workspace-files.js';

/** The text of line `line` (from 1) of workspace file `file` (relative, with `/`), or null. */
export type SourceLines = (file: string, line: number) => string | null;

/**
 * Reads the lines of each file named in `wanted` (relative to `root`, with `/`) once, but only of
 * files the lister accepted (`accepted`) and of the config (okr.config.yaml or .yml), and only through the guarded
 * reader (regular files inside the real root, size-capped): a problem can never make a report show
 * a line of a file outside the workspace, of a FIFO or of a device. Unreadable, undecodable or too
 * large files show no lines.
 */
export function readSourceLines(root: string, accepted: readonly WorkspaceFile[], wanted: Iterable<string>, maxFileSize: number): SourceLines {
  const byPath = new Map<string, WorkspaceFile>();
  for (const file of accepted) byPath.set(file.path, file);
  const texts = new Map<string, string[] | null>();
  for (const file of wanted) {
    if (texts.has(file)) continue;
    if (isConfigFile(file)) texts.set(file, readLines(path.join(root, file), root, MAX_CONFIG_SIZE, false));
    else {
      const listed = byPath.get(file);
      texts.set(file, listed ? readLines(listed.absolutePath, root, maxFileSize) : null);
    }
  }
  return (file, line) => texts.get(file)?.[line - 1] ?? null;
}

function readLines(absolutePath: string, root: string, maxBytes: number, followLinks = true): string[] | null {
  try {
    const { bytes } = readGuardedFile(absolutePath, { root, maxBytes, followLinks });
    if (findInvalidUtf8(bytes) !== -1) return null;
    // Lines as problems number them: at LF only (a lone CR stays inside its line).
    return splitReportedLines(stripBom(bytes.toString('utf8')).text);
  } catch {
    return null;
  }
}
