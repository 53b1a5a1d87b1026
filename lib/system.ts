/**
 * The whole system in one process: the six subgraphs (each on its own port and its own
 * database schema) and the gateway in front of them. Used by `npm start`, the end-to-end tests
 * and the benchmark.
 */
import { randomBytes } from 'node:crypto';
import cluster from 'node:cluster';
import net from 'node:net';
import type { BaseContext } from '@apollo/server';
import { createAuditWriter, type AuditWriter } from '../audit/writer.ts';
import { env, SUBGRAPHS, type SubgraphName } from './config.ts';
import type { Database } from './db.ts';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from './subgraph-server.ts';
import { authOptionsFromConfig, type GatewayAuthOptions } from '../gateway/auth.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import type { GatewayLimits, RateLimitStore } from '../gateway/limits.ts';
import { readSupergraph } from '../gateway/compose.ts';
import { createApiKeyStore } from '../access/store.ts';

/** Loads each subgraph's definition (server.ts) by name. */
export async function loadSubgraphDefinitions(): Promise<Record<SubgraphName, SubgraphDefinition<BaseContext>>> {
  const { buildingsSubgraph } = await import('../subgraphs/buildings/server.ts');
  const { peopleSubgraph } = await import('../subgraphs/people/server.ts');
  const { entitiesSubgraph } = await import('../subgraphs/entities/server.ts');
  const { eventsSubgraph } = await import('../subgraphs/events/server.ts');
  const { casesSubgraph } = await import('../subgraphs/cases/server.ts');
  const { alertsSubgraph } = await import('../subgraphs/alerts/server.ts');
  return {
    buildings: buildingsSubgraph,
    people: peopleSubgraph,
    entities: entitiesSubgraph,
    events: eventsSubgraph,
    cases: casesSubgraph,
    alerts: alertsSubgraph,
  } as unknown as Record<SubgraphName, SubgraphDefinition<BaseContext>>;
}

export type SystemOptions = {
  databases: Record<SubgraphName, Database>;
  /** The audit schema's database (openDatabase('audit'): AUDIT_DATABASE_URL, else DATABASE_URL or PGlite). */
  auditDatabase: Database;
  /**
   * The API keys' database (openDatabase('access'): AUDIT_DATABASE_URL, else DATABASE_URL or
   * PGlite); unset: the gateway accepts no API keys.
   */
  accessDatabase?: Database;
  /** bench/ only: subgraphs answer before their audit record is committed (see startSubgraph). */
  benchAuditAfterAnswer?: boolean;
  /** bench/ only: the gateway and subgraphs without access control (`hive-bare`; see startSubgraph). */
  benchAccessControlOff?: boolean;
  /** Gateway port (0: any free port). */
  port?: number;
  host?: string;
  /** First subgraph port; 0 gives each subgraph any free port. */
  subgraphPortBase?: number;
  subgraphTimeoutMs?: number;
  /** How the gateway reaches the subgraphs of this process; default SUBGRAPH_TRANSPORT (in-process). */
  subgraphTransport?: 'in-process' | 'http';
  production?: boolean;
  /** Overrides of the gateway's limits (defaults from config). */
  limits?: Partial<GatewayLimits>;
  /** Where the gateway's rate limit counts (gateway/limits.ts); default this process's memory. The caller closes a Redis client given here. */
  rateLimitStore?: RateLimitStore;
  /** Overrides of token verification (tests verify with their own keys); defaults from config. */
  auth?: Partial<GatewayAuthOptions>;
  /** Development: signs the demo token GraphiQL opens with (see GatewayOptions.graphiqlToken). */
  graphiqlToken?: () => Promise<string>;
  /** Development: the demo tokens the hazard map's picker offers (GatewayOptions.map). */
  mapDemoTokens?: () => Promise<Record<string, string>>;

  /** Seconds between early-warning monitor runs in this process (monitor/run.ts); default MONITOR_INTERVAL_SECONDS, 0 = off. */
  monitorIntervalSeconds?: number;
  /** What the scheduled monitor watches; default MONITOR_SCOPE. */
  monitorScope?: string;
};

export type RunningSystem = {
  gateway: RunningGateway;
  /** The secret the gateway signs subgraph requests with (tests forge and check signatures). */
  upstreamSecret: string;
  /** The audit writer every subgraph appends person-level reads with (audit.log). */
  audit: AuditWriter;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Stops one subgraph's server (to test partial results); its database stays open. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Stops the gateway and every subgraph; databases stay open (their owner closes them). */
  stop(): Promise<void>;
};

/** A port the system needs is taken; the message names it and the variable that moves it. */
export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number, host: string, variable: string) {
    super(`port ${port} on ${host} is already in use (another npm start, or another program): stop that, or choose another port with ${variable}`);
    this.name = 'PortInUseError';
    this.port = port;
  }
}

function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * Fails with PortInUseError when a fixed port of the system (the gateway's, or one of the five
 * subgraph ports from subgraphPortBase) is taken, before anything starts listening: a server's
 * listen error would otherwise surface as an uncaught exception with a stack trace, after some
 * subgraphs had started.
 */
export async function checkPorts(options: Pick<SystemOptions, 'port' | 'host' | 'subgraphPortBase'>): Promise<void> {
  const wanted: [number, string, string][] = [];
  if (options.port) wanted.push([options.port, options.host ?? '127.0.0.1', 'PORT']);
  const base = options.subgraphPortBase ?? 0;
  if (base) SUBGRAPHS.forEach((s, i) => wanted.push([base + i, '127.0.0.1', `SUBGRAPH_PORT_BASE (${s} listens on SUBGRAPH_PORT_BASE + ${i})`]));
  for (const [port, host, variable] of wanted) {
    if (!(await portFree(port, host))) throw new PortInUseError(port, host, variable);
  }
}

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  // a worker of lib/workers.ts shares its primary's sockets: the primary checked the ports, and a
  // probe here would join the round robin for a moment
  if (!cluster.isWorker) await checkPorts(options);
  const definitions = await loadSubgraphDefinitions();
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const base = options.subgraphPortBase ?? 0;
  // one process: a fresh secret per run unless one is configured
  const upstreamSecret = options.auth?.upstreamSecret ?? env().UPSTREAM_HMAC_SECRET ?? randomBytes(32).toString('base64');
  const apiKeys = options.accessDatabase ? createApiKeyStore(options.accessDatabase.knex) : undefined;
  const auth = { ...(await authOptionsFromConfig(upstreamSecret)), apiKeys, ...options.auth, upstreamSecret };
  // one writer for the process, so every subgraph's records share one group commit
  const audit = createAuditWriter(options.auditDatabase, { attempts: env().AUDIT_WRITE_ATTEMPTS });
  for (const [i, name] of SUBGRAPHS.entries()) {
    subgraphs[name] = await startSubgraph(definitions[name], options.databases[name], {
      port: base === 0 ? 0 : base + i,
      host: '127.0.0.1',
      upstreamSecret,
      audit,
      databases: options.databases,
      benchAuditAfterAnswer: options.benchAuditAfterAnswer,
      benchAccessControlOff: options.benchAccessControlOff,
    });
  }
  const gateway = await startGateway(
    {
      supergraphSdl: readSupergraph(),
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s, subgraphs[s].url])),
      // in one process the gateway calls the subgraphs directly (same checks, no HTTP, no JSON)
      localSubgraphs: (options.subgraphTransport ?? env().SUBGRAPH_TRANSPORT) === 'in-process' ? Object.fromEntries(SUBGRAPHS.map((s) => [s, subgraphs[s].local])) : undefined,
      subgraphTimeoutMs: options.subgraphTimeoutMs,
      production: options.production,
      limits: options.limits,
      rateLimitStore: options.rateLimitStore,
      auth,
      graphiqlToken: options.graphiqlToken,
      map: { demoTokens: options.mapDemoTokens },
      quality: { databases: options.databases, audit },
      subscriptionAudit: audit,
      benchAccessControlOff: options.benchAccessControlOff,
    },
    { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
  );
  const intervalSeconds = options.monitorIntervalSeconds ?? env().MONITOR_INTERVAL_SECONDS;
  const monitor = intervalSeconds > 0
    ? (await import('../monitor/run.ts')).scheduleMonitor({ executor: gateway.executor, database: options.databases.alerts, intervalSeconds, scope: options.monitorScope })
    : null;
  const stopped = new Set<SubgraphName>();
  const stopSubgraph = async (name: SubgraphName): Promise<void> => {
    if (stopped.has(name)) return;
    stopped.add(name);
    await subgraphs[name].stop();
  };
  return {
    gateway,
    upstreamSecret,
    audit,
    subgraphs,
    stopSubgraph,
    async stop() {
      await monitor?.stop();
      await gateway.stop();
      for (const name of SUBGRAPHS) await stopSubgraph(name);
      await audit.close();
    },
  };
}
