#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A command runs for a second or so and keeps what it reads: a young generation that V8 would grow
// to 32 MB for a long-running server only adds to its peak memory (about 30 MB on a 10,000-file
// workspace, measured in bench/RESULTS.md), without making it faster. The flag is read whenever the
// young generation would grow, so it takes effect when set here; it is set only on the V8 versions
// it was measured on (Node 20 to 24), where it is known to exist (an unknown flag would be reported
// on stderr).
if (/^1[1-3]\./.test(process.versions.v8)) setFlagsFromString('--semi-space-growth-factor=1');
// A reader that stops early (`okr status | head`) closes the pipe: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
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
