/**
 * Several copies of the whole system on one port, one per core (`WORKERS=N npm start`, and
 * `bench/serve.ts hive --workers N`), with Node's own `node:cluster`: the primary process forks N
 * workers, each runs the gateway and the five subgraphs in process (`startSystem`), and the
 * primary hands each new client connection to the next worker (round robin). One event loop
 * serves about one core; this uses the others.
 *
 * What the workers share lives outside them, as in the production layout: the data, the audit
 * trail, idempotency keys, API keys and the change logs of subscriptions in PostgreSQL (so
 * PostgreSQL is required: one process at a time can open an embedded PGlite), the rate limit in
 * Redis (REDIS_URL, required when the limit is on), one upstream secret (so cursors sealed by one
 * worker open in another) and the dev token key file. `GET /metrics` on any worker answers for all
 * of them: the worker asks the primary, which collects every worker's registry
 * (prom-client's AggregatorRegistry) and sums them. The early-warning schedule runs in worker 1
 * only.
 *
 * The primary restarts a worker that dies after it was ready (after 1 s; a worker that dies 5
 * times within a minute, or before it was ever ready, stops the whole system with exit 1).
 */
import cluster, { type Worker } from 'node:cluster';
import client from 'prom-client';
import { logger } from './logger.ts';
import { registry } from './metrics.ts';

/** What a worker tells the primary once it serves. */
export type WorkerReady = { type: 'address-graph:ready'; port: number; details: Record<string, unknown> };

type MetricsRequest = { type: 'address-graph:metrics?'; id: number };
type MetricsAnswer = { type: 'address-graph:metrics'; id: number; text?: string; error?: string };

/** The worker number (1..N) of this process, or null outside a cluster. */
export function workerNumber(): number | null {
  return cluster.isWorker ? Number(process.env.ADDRESS_GRAPH_WORKER) || null : null;
}

/** In a worker: tells the primary this worker serves on `port`. */
export function reportReady(port: number, details: Record<string, unknown> = {}): void {
  const message: WorkerReady = { type: 'address-graph:ready', port, details };
  process.send?.(message);
}

let workerMetrics: { next: number; waiting: Map<number, (answer: MetricsAnswer) => void> } | null = null;

/**
 * The Prometheus text of GET /metrics: this process's registry, or in a worker, every worker's
 * registry summed (asked of the primary, which asks each worker).
 */
export async function metricsText(): Promise<string> {
  if (!cluster.isWorker) return registry.metrics();
  if (!workerMetrics) {
    const state = { next: 1, waiting: new Map<number, (answer: MetricsAnswer) => void>() };
    process.on('message', (message: MetricsAnswer) => {
      if (message?.type !== 'address-graph:metrics') return;
      state.waiting.get(message.id)?.(message);
      state.waiting.delete(message.id);
    });
    workerMetrics = state;
  }
  const state = workerMetrics;
  const id = state.next++;
  const answer = await new Promise<MetricsAnswer>((resolve, reject) => {
    const timer = setTimeout(() => {
      state.waiting.delete(id);
      reject(new Error('the primary process did not answer for the metrics within 5 s'));
    }, 5000);
    state.waiting.set(id, (a) => {
      clearTimeout(timer);
      resolve(a);
    });
    const request: MetricsRequest = { type: 'address-graph:metrics?', id };
    process.send!(request);
  });
  if (answer.error !== undefined || answer.text === undefined) throw new Error(answer.error ?? 'no metrics');
  return answer.text;
}

/** In a worker: answer the primary's collection with this process's registry (call once, early). */
export function serveWorkerMetrics(): void {
  if (!cluster.isWorker) return;
  // constructing an AggregatorRegistry in a worker installs prom-client's answer to the primary
  new client.AggregatorRegistry();
  client.AggregatorRegistry.setRegistries([registry]);
}

export type WorkersOptions = {
  count: number;
  /** The script each worker runs (defaults to the primary's own). */
  exec?: string;
  /** Extra environment of worker i (1..count), e.g. which one runs the schedule. */
  env?: (i: number) => Record<string, string>;
  /** Maximum restarts of crashed workers within a minute before the whole system stops. */
  maxRestartsPerMinute?: number;
};

export type RunningWorkers = {
  /** Resolves when every worker has reported ready, with each one's details (worker 1 first). */
  ready: Promise<{ port: number; pids: number[]; details: Record<string, unknown>[] }>;
  /** The current workers' pids. */
  pids(): number[];
  /** SIGTERM to every worker; resolves when all have exited. */
  stop(): Promise<void>;
  /** Resolves with an exit code when the workers can no longer serve (crash loop, a worker that never came up). */
  failed: Promise<number>;
};

/** In the primary: forks `count` workers, restarts those that die, collects their metrics. */
export function startWorkers(options: WorkersOptions): RunningWorkers {
  if (!cluster.isPrimary) throw new Error('startWorkers runs in the primary process');
  if (options.exec) cluster.setupPrimary({ exec: options.exec });
  const aggregator = new client.AggregatorRegistry();
  const slots = new Map<number, Worker>();
  const readyDetails = new Map<number, { port: number; details: Record<string, unknown> }>();
  const restarts: number[] = [];
  const maxRestarts = options.maxRestartsPerMinute ?? 5;
  let stopping = false;
  let resolveReady!: (value: { port: number; pids: number[]; details: Record<string, unknown>[] }) => void;
  const ready = new Promise<{ port: number; pids: number[]; details: Record<string, unknown>[] }>((resolve) => (resolveReady = resolve));
  let resolveFailed!: (code: number) => void;
  const failed = new Promise<number>((resolve) => (resolveFailed = resolve));
  let allReady = false;

  const fork = (i: number): void => {
    const worker = cluster.fork({ ...options.env?.(i), ADDRESS_GRAPH_WORKER: String(i), ADDRESS_GRAPH_WORKERS: String(options.count) });
    slots.set(i, worker);
    let wasReady = false;
    worker.on('message', (message: WorkerReady | MetricsRequest) => {
      if (message?.type === 'address-graph:ready') {
        wasReady = true;
        readyDetails.set(i, { port: message.port, details: message.details });
        logger.info({ worker: i, workerPid: worker.process.pid, port: message.port }, 'worker ready');
        if (!allReady && readyDetails.size === options.count) {
          allReady = true;
          const ordered = [...readyDetails.entries()].sort((a, b) => a[0] - b[0]);
          resolveReady({ port: ordered[0][1].port, pids: [...slots.values()].map((w) => w.process.pid!), details: ordered.map(([, r]) => r.details) });
        }
      } else if (message?.type === 'address-graph:metrics?') {
        aggregator.clusterMetrics().then(
          (text) => worker.send({ type: 'address-graph:metrics', id: message.id, text } satisfies MetricsAnswer),
          (err: Error) => worker.send({ type: 'address-graph:metrics', id: message.id, error: err.message } satisfies MetricsAnswer),
        );
      }
    });
    worker.on('exit', (code, signal) => {
      if (slots.get(i) === worker) slots.delete(i);
      if (stopping) return;
      logger.error({ worker: i, workerPid: worker.process.pid, code, signal }, 'worker exited');
      if (!wasReady && !allReady) {
        logger.error({ worker: i }, 'a worker stopped before it was ready: stopping the system');
        resolveFailed(1);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
      if (restarts.length > maxRestarts) {
        logger.error({ restarts: restarts.length }, 'workers keep dying: stopping the system');
        resolveFailed(1);
        return;
      }
      setTimeout(() => {
        if (!stopping) fork(i);
      }, 1000).unref();
    });
  };
  for (let i = 1; i <= options.count; i++) fork(i);

  return {
    ready,
    failed,
    pids: () => [...slots.values()].map((w) => w.process.pid!),
    async stop() {
      stopping = true;
      const exits = [...slots.values()].map((w) => new Promise<void>((resolve) => {
        if (w.isDead()) return resolve();
        w.once('exit', () => resolve());
        w.process.kill('SIGTERM');
      }));
      await Promise.all(exits);
    },
  };
}
