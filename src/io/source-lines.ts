/** The lines of the files that problems point into, so that reports can show the offending line. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findInvalidUtf8, stripBom } from '../core/utf8.js';

export type SourceLines = (file: string, line: number) => string | null;

/** Reads each named file (relative to `root`, with `/`) once; unreadable, undecodable or too large files show no lines. */
export async function readSourceLines(root: string, files: Iterable<string>, maxFileSize: number): Promise<SourceLines> {
  const texts = new Map<string, string[] | null>();
  await Promise.all(
    [...new Set(files)].map(async (file) => {
      texts.set(file, await readLines(path.join(root, file), maxFileSize));
    }),
  );
  return (file, line) => texts.get(file)?.[line - 1] ?? null;
}

async function readLines(absolutePath: string, maxFileSize: number): Promise<string[] | null> {
  try {
    const bytes = await readFile(absolutePath);
    if (bytes.length > maxFileSize || findInvalidUtf8(bytes) !== -1) return null;
    return stripBom(bytes.toString('utf8')).text.split(/\r\n|\n|\r/);
  } catch {
    return null;
  }
}
