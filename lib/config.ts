/**
 * The only module that reads process.env. Every setting is parsed once with zod; all problems
 * are reported together so an operator fixes them in one go.
 */
import { z } from 'zod';

export const SUBGRAPHS = ['buildings', 'people', 'entities', 'events', 'cases', 'alerts'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
/**
 * A schema with its own migrations: every subgraph, the audit trail (audit/) and the API keys
 * (access/), which are not subgraphs.
 */
export type SchemaName = SubgraphName | 'audit' | 'access';

const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();

const EnvModel = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Gateway port. */
  PORT: port.default(4000),
  /** Interface the gateway binds to (standalone subgraphs: SUBGRAPH_HOST). */
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL connection string; unset means embedded PGlite. */
  DATABASE_URL: url.optional(),
  BUILDINGS_DATABASE_URL: url.optional(),
  PEOPLE_DATABASE_URL: url.optional(),
  ENTITIES_DATABASE_URL: url.optional(),
  EVENTS_DATABASE_URL: url.optional(),
  CASES_DATABASE_URL: url.optional(),
  ALERTS_DATABASE_URL: url.optional(),
  /** PGlite data folder when no DATABASE_URL is set. */
  PGLITE_DIR: z.string().default('.data/pglite'),
  /** Connection pool size per subgraph on PostgreSQL. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** First of six consecutive ports for the subgraphs (buildings, people, entities, events, cases, alerts). */
  SUBGRAPH_PORT_BASE: port.default(4001),
  BUILDINGS_URL: url.optional(),
  PEOPLE_URL: url.optional(),
  ENTITIES_URL: url.optional(),
  EVENTS_URL: url.optional(),
  CASES_URL: url.optional(),
  ALERTS_URL: url.optional(),
  /** Demo seed size loaded by `npm start` on an empty database ("none" skips seeding). */
  SEED: z.enum(['demo', 'small', 'none']).default('demo'),
  /** How often the buildings subgraph checks whether the registry changed and rebuilds its address index. */
  ADDRESS_INDEX_REFRESH_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Production: where the identity provider publishes its signing keys (RS256/ES256). */
  JWT_JWKS_URL: url.optional(),
  /** Production alternative to a JWKS: a PEM public key file. */
  JWT_PUBLIC_KEY_FILE: z.string().optional(),
  /** Required `iss` and `aud` of tokens. */
  JWT_ISSUER: z.string().default('address-graph-dev'),
  JWT_AUDIENCE: z.string().default('address-graph'),
  /** Development signing key (ES256, created on first use); never used in production. */
  DEV_JWT_KEY_FILE: z.string().default('.data/dev-jwt-key.json'),
  /** Requests without a token may read the non-personal registry ("false": every request needs a token). */
  ALLOW_ANONYMOUS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Identical subscribers share one execution at the gateway (gateway/subscription-hub.ts); false: one each. */
  SUBSCRIPTION_HUB: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * Shared secret the gateway signs subgraph requests with (HMAC-SHA256) and subgraphs verify.
   * Required in production and whenever subgraphs run as separate processes; `npm start`
   * generates one per run when unset.
   */
  UPSTREAM_HMAC_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Per-subgraph request timeout at the gateway, milliseconds (within the whole-request REQUEST_TIMEOUT_MS). */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * How the gateway of `npm start` (subgraphs in its own process) calls them: `in-process` hands
   * each request over directly (the same signature, identity, deadline and audit checks, no HTTP
   * and no JSON); `http` goes through their ports as separate deployments do.
   */
  SUBGRAPH_TRANSPORT: z.enum(['in-process', 'http']).default('in-process'),
  /**
   * What executes operations in the subgraphs: `jit` compiles each document once with graphql-jit
   * (lib/jit-executor.ts); `graphql-js` is the reference executor (for comparison).
   */
  SUBGRAPH_EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
  /** Gateway limits (gateway/limits.ts). Deepest field nesting of an operation (MAX_DEPTH_EXCEEDED). */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(12),
  /** Aliased fields in an operation (MAX_ALIASES_EXCEEDED). */
  MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  /** Lexical tokens in a document (MAX_TOKENS_EXCEEDED). */
  MAX_TOKENS: z.coerce.number().int().min(1).default(2000),
  /**
   * Estimated cost of an operation: the objects it may fetch, pages counted at their `first`
   * (COST_ESTIMATED_TOO_EXPENSIVE). The showcase fan-out over a 500-room building is about 60 000.
   */
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(100_000),
  /** The length a cost estimate assumes for a list that is not a page (no `first` argument). */
  QUERY_COST_LIST_SIZE: z.coerce.number().int().min(0).default(5),
  /** Largest request body the gateway reads, bytes (413 BODY_TOO_LARGE). */
  MAX_BODY_BYTES: z.coerce.number().int().min(1).default(1024 * 1024),
  /** GraphQL requests per minute per token subject, or per client IP when anonymous (429 RATE_LIMITED); 0 disables. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /**
   * Redis the gateway replicas share their state in (the rate limit's counters), e.g.
   * `redis://127.0.0.1:6379`. Unset: each gateway process counts in its own memory (right for the
   * one-box `npm start`, wrong for two or more replicas). Set but unreachable: the gateway refuses to start.
   */
  REDIS_URL: z.string().regex(/^redis:\/\//, 'must be a redis:// URL, e.g. redis://127.0.0.1:6379').optional(),
  /**
   * Copies of the whole system `npm start` runs on PORT, one per core (lib/workers.ts, node:cluster):
   * 1 (default) is one process; 2 or more need PostgreSQL and, with the rate limit on, REDIS_URL.
   */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Prefix of every Redis key this deployment writes, so several deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('address-graph:'),
  /** JSON manifest { "<sha256>": "<document>" }; when set the gateway runs only these operations. */
  PERSISTED_OPERATIONS_FILE: z.string().optional(),
  // --- personal data and bounded SQL (lib/pagination.ts, lib/db.ts) ---
  /**
   * Secret the pagination cursors are encrypted and authenticated with (AES-256-GCM, key derived
   * with HKDF). Unset: derived from UPSTREAM_HMAC_SECRET; both unset: random per process, so
   * cursors do not survive a restart.
   */
  CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** PostgreSQL statement_timeout of every subgraph session, milliseconds (STATEMENT_TIMEOUT); 0 disables. No effect on PGlite. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),

  // --- migrations (`npm run db`, lib/migrations/) ---
  /** lock_timeout of a migration session, milliseconds: a DDL statement waiting longer for a table lock fails instead of queueing every reader behind it. */
  MIGRATE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  /** statement_timeout of a migration session, milliseconds (an index build on a large table may need minutes). */
  MIGRATE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1).default(30 * 60_000),
  /** How long `up`/`down` wait for another process migrating the same schema (its advisory lock), milliseconds. */
  MIGRATE_LOCK_WAIT_MS: z.coerce.number().int().min(0).default(60_000),

  // --- gateway: request deadline, in-flight bound, token lifetimes, replay window, CORS, subgraph bind (issue 8) ---
  /**
   * Whole-request deadline at the gateway, milliseconds: every subgraph fetch of one client request
   * shares it (a later fetch gets what is left), and a fetch still open when it passes is answered
   * with SUBGRAPH_UNAVAILABLE. Subgraphs receive it, signed, to stop their own work in time.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Requests in flight from the gateway to one subgraph; past it the gateway answers at once with SUBGRAPH_UNAVAILABLE. */
  SUBGRAPH_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(100),
  /** Longest token lifetime (exp - iat) the gateway accepts, seconds (401 TOKEN_LIFETIME_TOO_LONG); tokens without exp are refused. */
  MAX_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().min(60).default(24 * 3600),
  /**
   * Seconds a verified bearer token (the exact string) is trusted again without checking its
   * signature, never past its `exp`: the longest a key taken out of the JWKS still counts. 0: every
   * request's signature is checked.
   */
  TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** How old a gateway signature a subgraph still accepts, milliseconds (401 GATEWAY_SIGNATURE_EXPIRED). */
  UPSTREAM_SIGNATURE_MAX_AGE_MS: z.coerce.number().int().min(1000).default(60_000),
  /** Clock difference between gateway and subgraph hosts a signature's time may show, milliseconds. */
  UPSTREAM_CLOCK_SKEW_MS: z.coerce.number().int().min(0).default(5_000),
  /**
   * Browser origins allowed to call the gateway (CORS), comma-separated, e.g.
   * `https://app.example.org,http://localhost:5173`; unset: none (no Access-Control-Allow-Origin at all).
   */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((o) => o.trim()).filter(Boolean)),
  /** Interface a standalone subgraph (`npm run subgraph`) binds to; HOST is the gateway's. */
  SUBGRAPH_HOST: z.string().default('127.0.0.1'),

  // ---- audit trail (audit/)
  /** PostgreSQL database of the audit schema and of the API keys (access/); unset means DATABASE_URL (PGlite shares the embedded instance). */
  AUDIT_DATABASE_URL: url.optional(),
  /** Role the services connect as: the audit migration grants it EXECUTE on audit.append and SELECT on audit.log when it exists. */
  AUDIT_APP_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lowercase SQL identifier').default('address_graph_app'),
  /** Attempts to make one batch of audit records durable before its requests fail with AUDIT_UNAVAILABLE (2 = one retry). */
  AUDIT_WRITE_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(2),
  // --- BI bridge (bridge/): REST, CSV, XLSX and OData over the graph ---
  /**
   * Public base URL of the gateway as analysts reach it (e.g. `https://graph.futian.example`), used
   * for absolute `next` links and OData `@odata.nextLink`; unset: taken from the request's Host header.
   */
  PUBLIC_BASE_URL: url.optional(),
  /** Largest REST page (`limit`) and OData page (server-driven paging), rows. */
  BRIDGE_MAX_PAGE: z.coerce.number().int().min(1).max(5000).default(1000),
  /** Largest graph page a whole export (`all=true`) asks for, rows: larger is fewer round trips, smaller holds less memory per page in flight. */
  BRIDGE_EXPORT_PAGE: z.coerce.number().int().min(100).max(5000).default(5000),
  /**
   * Whole exports (`all=true`) one process streams at once; one more is refused with 503
   * EXPORTS_BUSY and a Retry-After. Each holds at most two graph pages, so this bounds the heap
   * the bridge can take however many analysts refresh at the same minute.
   */
  BRIDGE_MAX_EXPORTS: z.coerce.number().int().min(1).max(64).default(4),
  /** Rows an OData `$filter` that cannot be pushed down may scan to fill one page before it is refused (501). */
  BRIDGE_SCAN_CAP: z.coerce.number().int().min(1000).default(50_000),
  /** The gateway a standalone bridge (`npm run bridge`) sends its GraphQL operations to. */
  BRIDGE_GATEWAY_URL: url.default('http://127.0.0.1:4000/graphql'),
  /** Port of the standalone bridge (`npm run bridge`). */
  BRIDGE_PORT: port.default(4100),
  // --- importer (issue 8: the import quarantine) ---
  /**
   * Days a quarantined row keeps its raw record, address text and detail (personal data) after it
   * was last seen; older rows keep only reason, line and record id. Purged at every import run and
   * by `npm run import -- --purge-quarantine`.
   */
  QUARANTINE_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
  // --- data quality (quality/: `npm run quality`, GET /quality) ---
  /** Counts below this (and above 0) are shown as "<N>" in every quality output, and the shares and ages they would reveal are withheld. */
  QUALITY_MIN_CELL: z.coerce.number().int().min(1).max(100).default(5),
  /** statement_timeout of `npm run quality`'s sessions, ms (0: none): a district-wide check reads whole tables, past DB_STATEMENT_TIMEOUT_MS. */
  QUALITY_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(600_000),
  /** Seconds a schematic area (Address.area, the hazard map's hulls) is kept between requests at most; each entry is also dropped as soon as a registry row changes. 0: computed on every request. */
  AREA_CACHE_SECONDS: z.coerce.number().int().min(0).default(300),
  // --- early warning (monitor/: rules, `npm run monitor`, the schedule in the gateway process) ---
  /** Seconds between rule runs inside the gateway process of `npm start` / `npm run gateway`; 0 turns the schedule off. */
  MONITOR_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(0),
  /** Every Nth scheduled run is a full run (every rule over every address), the others incremental; 1: always full. */
  MONITOR_FULL_EVERY: z.coerce.number().int().min(1).default(24),
  /** The monitor's service token (role `monitor`); unset outside production: signed with the development key. */
  MONITOR_TOKEN: z.string().min(1).optional(),
  /** The address the monitor watches beneath (a district, subdistrict or community code). */
  MONITOR_SCOPE: z.string().regex(/^[0-9]{6}([0-9]{3}){0,2}$/, 'must be a 6, 9 or 12-digit division code').default('440304'),
  /** The rules file (JSON, monitor/rules.ts validates it); unset: monitor/rules.json. */
  MONITOR_RULES_FILE: z.string().optional(),
});

export type Env = z.infer<typeof EnvModel>;

let cached: Env | undefined;

/** Parsed environment. Exits the process with every problem listed when it is invalid. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvModel.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    process.stderr.write(`Invalid configuration:\n${lines.join('\n')}\n`);
    process.exit(1);
  }
  cached = parsed.data;
  return cached;
}

/**
 * The PostgreSQL URL a subgraph uses: `<NAME>_DATABASE_URL`, else `DATABASE_URL`,
 * else undefined (embedded PGlite). The API keys (`access`) live with the audit trail: AUDIT_DATABASE_URL.
 */
export function databaseUrlFor(subgraph: SchemaName): string | undefined {
  const e = env();
  const own = e[`${(subgraph === 'access' ? 'audit' : subgraph).toUpperCase()}_DATABASE_URL` as keyof Env] as string | undefined;
  return own ?? e.DATABASE_URL;
}

/** The port a subgraph listens on when started alone or by `npm start`. */
export function subgraphPort(subgraph: SubgraphName): number {
  return env().SUBGRAPH_PORT_BASE + SUBGRAPHS.indexOf(subgraph);
}

/** The URL the gateway uses for a subgraph: `<NAME>_URL`, else localhost on its default port. */
export function subgraphUrl(subgraph: SubgraphName): string {
  const own = env()[`${subgraph.toUpperCase()}_URL` as keyof Env] as string | undefined;
  return own ?? `http://127.0.0.1:${subgraphPort(subgraph)}/graphql`;
}
