/**
 * `npm run bench:rate-limit -- [--hits N] [--redis-url URL]`: what the rate limit's store costs per
 * request, memory against Redis, in the same run: N hits spread over 1,000 identities through
 * createMemoryRateLimiter and through createRedisRateLimiter (one connection, sequential, as one
 * gateway request does it; then 16 at a time, as a loaded gateway does). Reports CPU µs per hit of
 * this process (process.cpuUsage: the gateway's own cost, independent of machine load) and the
 * wall-clock latency (load-dependent; the load average is recorded). Keys go under a fresh prefix
 * and are deleted. Writes bench/results/rate-limit-<date>-<commit>.md and .json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from '../gateway/limits.ts';
import { connectRedis } from '../lib/redis.ts';
import { commitLabel, measuredCommit, resultPath } from './report.ts';
import { parseCommandLine } from '../lib/cli.ts';

const USAGE = `usage: npm run bench:rate-limit -- [--hits N] [--redis-url URL]
  --hits N          hits per variant (default 20000)
  --redis-url URL   the Redis to count in (default redis://127.0.0.1:6379)
`;
const parsed = parseCommandLine({ options: { hits: { type: 'string', default: '20000' }, 'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false }, USAGE);
const hits = Number(parsed.values.hits);
if (!Number.isInteger(hits) || hits < 100) {
  process.stderr.write(`--hits must be a whole number of at least 100\n${USAGE}`);
  process.exit(2);
}
const redisUrl = parsed.values['redis-url']!;
const prefix = `ag-bench:${randomUUID()}:`;
const load = os.loadavg();
const client = await connectRedis(redisUrl);

async function measure(name: string, limiter: RateLimiter, concurrency: number) {
  // warm-up (script loaded, JIT warm)
  for (let i = 0; i < 200; i++) await limiter.hit(`warm:${i % 10}`);
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < hits) {
      const i = next++;
      const t = process.hrtime.bigint();
      await limiter.hit(`sub:user-${i % 1000}`);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e3);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { variant: name, concurrency, hits, cpuMicrosPerHit: (used.user + used.system) / hits, hitsPerSecond: hits / (wallMs / 1000), p50Micros: q(0.5), p99Micros: q(0.99) };
}

const results = [];
for (const concurrency of [1, 16]) {
  results.push(await measure('memory', createMemoryRateLimiter(1_000_000), concurrency));
  results.push(await measure('redis', createRedisRateLimiter(client, 1_000_000, prefix), concurrency));
}
const keys = (await client.command(['KEYS', `${prefix}*`])) as string[];
for (let i = 0; i < keys.length; i += 500) await client.command(['DEL', ...keys.slice(i, i + 500)]);
await client.close();

const commit = measuredCommit();
const date = new Date().toISOString().slice(0, 10);
const base = resultPath(['rate-limit', date, commit && commitLabel(commit)]);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const md = [
  `# Rate-limit store: memory against Redis (${date})`,
  '',
  `Commit measured: ${commit ?? 'unknown'}. ${hits.toLocaleString('en')} hits per variant over 1,000 identities, one Redis connection (lib/redis.ts) to ${redisUrl.replace(/:[^:@/]+@/, ':***@')}.`,
  `Load average ${load.map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} CPUs (shared machine): the rates and latencies are not quiet measurements; CPU µs per hit is this process's own.`,
  '',
  '| variant | in flight | CPU µs / hit | hits/s | p50 µs | p99 µs |',
  '|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.variant} | ${r.concurrency} | ${r.cpuMicrosPerHit.toFixed(1)} | ${Math.round(r.hitsPerSecond).toLocaleString('en')} | ${r.p50Micros.toFixed(0)} | ${r.p99Micros.toFixed(0)} |`),
  '',
].join('\n');
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(`${base}.json`, JSON.stringify({ date: new Date().toISOString(), commit, loadAverage: load, loadAverageAfter: os.loadavg(), cpus: os.cpus().length, results }, null, 2) + '\n');
writeFileSync(`${base}.md`, md);
process.stdout.write(md);
