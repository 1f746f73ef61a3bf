/** Worker thread entry: writes cache files it is sent (see cache-writer.ts), then says when done. */
import { parentPort } from 'node:worker_threads';
import { writeFileAtomically, type WriteRequests } from './cache-writer.js';

parentPort!.on('message', (message: WriteRequests | 'flush') => {
  if (message === 'flush') parentPort!.postMessage('flushed');
  else for (let i = 0; i + 2 < message.length; i += 3) writeFileAtomically(message[i]!, message[i + 1]! + message[i + 2]!);
});
