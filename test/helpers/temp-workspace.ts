/** A temporary workspace made of inline files, for tests that edit files and compare their bytes. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TempWorkspace {
  dir: string;
  file(relative: string): string;
  bytes(relative: string): Buffer;
  text(relative: string): string;
  /** Every file below the root with its bytes (base64) and mtime, to prove that nothing was written. */
  snapshot(): [string, string, number][];
  cleanup(): void;
}

export function tempWorkspace(files: Record<string, string | Uint8Array>): TempWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-edit-'));
  for (const [relative, content] of Object.entries(files)) {
    const absolute = path.join(dir, relative);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  const file = (relative: string) => path.join(dir, relative);
  return {
    dir,
    file,
    bytes: (relative) => readFileSync(file(relative)),
    text: (relative) => readFileSync(file(relative), 'utf8'),
    snapshot: () =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const absolute = path.join(entry.parentPath, entry.name);
          return [path.relative(dir, absolute), readFileSync(absolute).toString('base64'), statSync(absolute).mtimeMs] as [string, string, number];
        })
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function withBom(text: string): Buffer {
  return Buffer.concat([BOM, Buffer.from(text, 'utf8')]);
}
