/**
 * Worker thread of csvBatches(): generates the dataset for workerData.options and posts one CSV
 * batch per 'next' message it receives, then { type: 'done' }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toCsvBatch } from './csv-batches.ts';
import { generate, type SeedOptions } from './generate.ts';

const port = parentPort!;
const batches = generate((workerData as { options: SeedOptions }).options);

port.on('message', () => {
  try {
    const next = batches.next();
    port.postMessage(next.done ? { type: 'done' } : { type: 'batch', batch: toCsvBatch(next.value) });
  } catch (error) {
    const e = error as Error;
    port.postMessage({ type: 'error', message: e.message, stack: e.stack });
  }
});
