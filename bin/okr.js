#!/usr/bin/env node
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
