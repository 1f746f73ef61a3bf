/**
 * okr's version, and the `okr --version` fast path: bin/okr.js prints it through here without
 * loading the command line (commander and every command's module), so that the most common probe of
 * an installed tool costs little more than starting Node.
 */
import { readFileSync } from 'node:fs';

/** The `version` of okr's package.json. Throws when the installed package.json cannot be read (a broken install). */
export function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** True when `argv` (the arguments after the program) asks for the version alone: `--version` or `-v`. */
export function asksForVersionOnly(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v');
}
