/** Worker thread entry: writes cache files it is sent (see cache-writer.ts), then says when done. */
import { parentPort, workerData } from 'node:worker_threads';
import { writeFileAtomically, type WriteRequests } from './cache-writer.js';

const base = workerData as string;
const known = new Set<string>();

parentPort!.on('message', (message: WriteRequests | 'flush') => {
  if (message === 'flush') parentPort!.postMessage('flushed');
  else for (let i = 0; i + 2 < message.length; i += 3) writeFileAtomically(base, message[i]!, message[i + 1]! + message[i + 2]!, known);
});
