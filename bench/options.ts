/**
 * The benchmark's settings: command-line flags plus BENCH_DATABASE_URL. The only bench module
 * that reads argv or process.env; every problem is reported at once, then the process exits.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Ten times the demo data set; seeds in about 50 s on a 2-core machine (see bench/README.md). */
export const DEFAULT_SCALE = 10;
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/address_graph_bench';

/** Database names the benchmark refuses to drop schemas in. */
const PROTECTED_DATABASES = new Set(['test', 'postgres', 'template0', 'template1']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const databaseUrl = z
  .string()
  .url()
  .refine((u) => ['postgres:', 'postgresql:'].includes(new URL(u).protocol), 'must be a postgres:// URL')
  .refine((u) => LOOPBACK_HOSTS.has(new URL(u).hostname), 'must point at 127.0.0.1 (the benchmark only targets this machine)')
  .refine((u) => databaseName(u) !== '', 'must name a database')
  .refine((u) => !PROTECTED_DATABASES.has(databaseName(u)), `must name a dedicated database, not ${[...PROTECTED_DATABASES].join(', ')}`);

const BenchModel = z.object({
  /** Seed scale: a multiplier of the demo size (1 = demo, up to 60). */
  scale: z.coerce.number().positive().max(60).default(DEFAULT_SCALE),
  /** Measured seconds per query and variant. */
  duration: z.coerce.number().int().min(1).max(600).default(10),
  /** Unmeasured seconds per query and variant before the measured run (JIT, plan caches, pools). */
  warmup: z.coerce.number().int().min(0).max(60).default(3),
  /** Concurrent HTTP connections autocannon keeps open. */
  connections: z.coerce.number().int().min(1).max(1000).default(16),
  /**
   * showcase: every request asks about the showcase address (identical requests);
   * spread: requests rotate over a sample of addresses of the same level; both: one after the other.
   */
  workload: z.enum(['showcase', 'spread', 'both']).default('both'),
  /** How many addresses the spread workload rotates over. */
  spread: z.coerce.number().int().min(2).max(1000).default(64),
  /**
   * PostgreSQL JIT for every server's sessions (PGOPTIONS). Off by default: with it on, compiling
   * plans whose row estimates pass jit_above_cost costs more than running them, which slows the
   * floor several-fold and the gateways' fan-outs markedly (see bench/README.md).
   */
  jit: z.enum(['on', 'off']).default('off'),
  /** Drop and reload the data even when the recorded scale matches. */
  reseed: z.boolean().default(false),
  /**
   * Only these variants (comma-separated), default hive, hive-bare, apollo and sql. `hive-bare` is
   * hive with access control off (bench/serve.ts): the difference to `hive` is the price of token
   * verification, scope checks, signatures and the audit. `hive-audit-after` is hive answering
   * before its audit record is committed (the path before audits became durable): run it beside
   * `hive` to measure what the synchronous audit costs per request.
   */
  variants: z.array(z.enum(['hive', 'hive-bare', 'hive-audit-after', 'apollo', 'sql'])).min(1).default(['hive', 'hive-bare', 'apollo', 'sql']),
  /** Only these queries (comma-separated ids), default all. */
  queries: z.array(z.enum(['Q1', 'Q2', 'Q3'])).min(1).default(['Q1', 'Q2', 'Q3']),
  databaseUrl: databaseUrl.default(DEFAULT_DATABASE_URL),
  /** Result files are bench/results/[<name>-]<date>-<commit>.json and .md. */
  name: z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes').optional(),
});

export type BenchOptions = z.infer<typeof BenchModel>;
export type VariantName = BenchOptions['variants'][number];
export type Workload = 'showcase' | 'spread';

/** The database name in a postgres URL ('' when none). */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** The URL with any password replaced, for logs and result files. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

const USAGE = `usage: npm run bench -- [--scale N] [--duration S] [--warmup S] [--connections C] [--reseed]
                        [--workload showcase|spread|both] [--spread N] [--jit on|off]
                        [--variants hive,hive-bare,hive-audit-after,apollo,sql] [--queries Q1,Q2,Q3] [--name NAME]
  database: BENCH_DATABASE_URL (default ${DEFAULT_DATABASE_URL})`;

/** Parses argv and the environment; prints every problem and exits on invalid input. */
export function benchOptions(argv: readonly string[] = process.argv.slice(2)): BenchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        reseed: { type: 'boolean' },
        workload: { type: 'string' },
        jit: { type: 'string' },
        spread: { type: 'string' },
        variants: { type: 'string' },
        queries: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  const parsed = BenchModel.safeParse({
    scale: values.scale,
    duration: values.duration,
    warmup: values.warmup,
    connections: values.connections,
    reseed: values.reseed,
    workload: values.workload,
    jit: values.jit,
    spread: values.spread,
    variants: list(values.variants),
    queries: list(values.queries),
    name: values.name,
    databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') === 'databaseUrl' ? 'BENCH_DATABASE_URL' : `--${i.path.join('.')}`}: ${i.message}`);
    process.stderr.write(`Invalid benchmark options:\n${lines.join('\n')}\n${USAGE}\n`);
    process.exit(2);
  }
  return parsed.data;
}

/**
 * The environment of a server child: quiet logs unless LOG_LEVEL says otherwise, and the JIT
 * setting for every PostgreSQL session it opens (node-postgres reads PGOPTIONS).
 */
export function childEnv(options: BenchOptions): NodeJS.ProcessEnv {
  return {
    LOG_LEVEL: 'warn',
    ...process.env,
    PGOPTIONS: [process.env.PGOPTIONS, `-c jit=${options.jit}`].filter(Boolean).join(' '),
  };
}
