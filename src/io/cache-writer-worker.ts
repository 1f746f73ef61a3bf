/** Worker thread entry: writes cache files it is sent (see cache-writer.ts), then says when done. */
import { parentPort } from 'node:worker_threads';
import { writeFileAtomically, type WriteRequest } from './cache-writer.js';

parentPort!.on('message', (message: WriteRequest[] | 'flush') => {
  if (message === 'flush') parentPort!.postMessage('flushed');
  else for (const request of message) writeFileAtomically(request.target, request.text);
});
