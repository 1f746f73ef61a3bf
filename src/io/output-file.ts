/**
 * Writing a generated output file (`okr html -o <file>`): atomically, as a new file or replacing
 * the one there. The bytes go to a temporary file beside the target (O_EXCL, flushed to disk), which
 * is renamed over the target: a symbolic link at the path is replaced, never followed into a file
 * it points at, and a reader never sees half a file. The temporary file is removed on every path
 * out, a signal included (interrupt-cleanup.ts).
 */
import { unlinkSync } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { tempPathBeside } from './edit-lock.js';
import { describeFsError } from './guarded-file.js';
import { onInterrupt } from './interrupt-cleanup.js';

/**
 * Writes `bytes` to `absolutePath` (mode 0644 less the umask), replacing a regular file or a
 * symbolic link there. Throws a UserError naming `displayPath` when the path is a directory or
 * something else that is not a file, when its folder does not exist, or when writing fails;
 * nothing is left behind then.
 */
export async function writeOutputFile(absolutePath: string, bytes: Uint8Array, displayPath: string): Promise<void> {
  const existing = await lstat(absolutePath).catch(() => null);
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
    throw new UserError(`${displayPath}: cannot write: it is ${existing.isDirectory() ? 'a directory' : 'not a regular file'}`);
  }
  const folder = await lstat(path.dirname(absolutePath)).catch(() => null);
  if (!folder) throw new UserError(`${displayPath}: cannot write: no such folder ${path.dirname(displayPath)}`);
  const temp = tempPathBeside(absolutePath);
  const forget = onInterrupt(() => {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  });
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, absolutePath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new UserError(`${displayPath}: cannot write: ${describeFsError(error)}`);
  } finally {
    forget();
  }
}
