/**
 * The generated dataset as CSV, one batch per community, produced on a worker thread so that
 * generating the next community overlaps with loading the previous one. The worker runs at most
 * PREFETCH batches ahead of the consumer, so memory stays bounded.
 */
import { Worker } from 'node:worker_threads';
import { csvLine } from '../lib/db.ts';
import { generate, planOf, TABLES, type Batch, type SeedOptions, type TableName } from './generate.ts';

/** One community's rows (or the district's, with community null) as COPY-ready CSV per table. */
export type CsvBatch = {
  community: string | null;
  /** CSV text per table (lines in TABLES column order, no header); absent when no rows. */
  csv: Partial<Record<TableName, string>>;
  rows: Partial<Record<TableName, number>>;
};

const PREFETCH = 2;

/** Encodes one generated batch as CSV. */
export function toCsvBatch(batch: Batch): CsvBatch {
  const out: CsvBatch = { community: batch.community, csv: {}, rows: {} };
  for (const spec of TABLES) {
    const rows = batch.rows[spec.name] as unknown as Record<string, unknown>[];
    if (!rows.length) continue;
    const columns = spec.columns as readonly string[];
    const lines = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) lines[i] = csvLine(columns.map((c) => rows[i][c]));
    out.csv[spec.name] = lines.join('');
    out.rows[spec.name] = rows.length;
  }
  return out;
}

type FromWorker = { type: 'batch'; batch: CsvBatch } | { type: 'done' } | { type: 'error'; message: string; stack?: string };

/**
 * Yields the CSV batches of `generate(options)` in the same order, generated on a worker thread.
 * Stopping early (break, or an error in the consumer) terminates the worker.
 */
export async function* csvBatches(options: SeedOptions): AsyncGenerator<CsvBatch> {
  planOf(options); // bad options fail here, in the caller's thread
  const worker = new Worker(new URL('./csv-worker.ts', import.meta.url), { workerData: { options } });
  const inbox: FromWorker[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: FromWorker) => {
    inbox.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ type: 'error', message: error.message, stack: error.stack }));
  worker.on('exit', (code) => {
    if (code !== 0) deliver({ type: 'error', message: `seed worker exited with code ${code}` });
  });
  try {
    for (let i = 0; i < PREFETCH; i++) worker.postMessage('next');
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift()!;
      if (message.type === 'done') return;
      if (message.type === 'error') {
        const error = new Error(`seed generation failed: ${message.message}`);
        if (message.stack) error.stack = message.stack;
        throw error;
      }
      worker.postMessage('next');
      yield message.batch;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

/** The same batches generated on the calling thread (for tools that want no worker). */
export function* csvBatchesInline(options: SeedOptions): Generator<CsvBatch> {
  for (const batch of generate(options)) yield toCsvBatch(batch);
}
