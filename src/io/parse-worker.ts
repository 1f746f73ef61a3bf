/** Worker thread entry: parses the files it is sent and sends back their facts, encoded for the cache. */
import { parentPort } from 'node:worker_threads';
import { parseOkrFile } from '../parse/file-facts.js';
import { encodeFacts } from './facts-codec.js';
import type { ParseBatch, ParsedBatch, WorkerResult } from './parse-pool.js';

parentPort!.on('message', (batch: ParseBatch) => {
  const results = batch.files.map((file): WorkerResult => {
    const facts = parseOkrFile(file.path, file.bytes);
    const encoded = encodeFacts(facts);
    return encoded === null ? { facts } : { encoded };
  });
  const reply: ParsedBatch = { id: batch.id, results };
  parentPort!.postMessage(reply);
});
