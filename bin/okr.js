#!/usr/bin/env node
import { writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// A command runs for a second or so and keeps what it reads: a young generation that V8 would grow
// to 32 MB for a long-running server only adds to its peak memory (about 30 MB on a 10,000-file
// workspace, measured in bench/RESULTS.md), without making it faster. The flag is read whenever the
// young generation would grow, so it takes effect when set here; it is set only on the V8 versions
// it was measured on (Node 20 to 24), where it is known to exist (an unknown flag would be reported
// on stderr).
if (/^1[1-3]\./.test(process.versions.v8)) setFlagsFromString('--semi-space-growth-factor=1');
// A reader that stops early (`okr status | head`) closes the pipe: stop quietly, as other tools do.
// Any other failure to write (a full disk, /dev/full) ends okr with one line on stderr and exit code 1.
for (const [stream, name] of [
  [process.stdout, 'standard output'],
  [process.stderr, 'standard error'],
]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    const reason = String(error.message ?? error)
      .replace(/^[A-Z]+: /, '')
      .replace(/, write$/, '');
    try {
      writeSync(2, `okr: cannot write to ${name}: ${reason}\n`);
    } catch {
      // Standard error cannot be written either: the exit code says it.
    }
    process.exit(1);
  });
}

const argv = process.argv.slice(2);
const version = await import('../dist/version.js');
if (version.asksForVersionOnly(argv)) {
  // The version alone: printed without loading the command line (see src/version.ts).
  process.stdout.write(`${version.readVersion()}\n`);
} else {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(argv);
}
