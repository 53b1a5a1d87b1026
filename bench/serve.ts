/**
 * One benchmark variant in its own process, so the load generator never shares its event loop:
 *
 *   node bench/serve.ts hive   --database-url URL [--pool N]   startSystem(): Hive Gateway + Rust planner + the five subgraphs (as `npm start`, each subgraph's pool N connections)
 *   node bench/serve.ts hive-audit-after --database-url URL   the same, answering before the audit record is committed (the old path, for comparison)
 *   node bench/serve.ts hive-bare --database-url URL   the same with access control off (no token verification, scope checks, signatures, audit): bench only
 *   node bench/serve.ts apollo --database-url URL   the same five subgraphs + @apollo/gateway on @apollo/server
 *   node bench/serve.ts sql    --database-url URL [--pool N]   the floor: one SQL statement per question (a pool of N)
 *
 * With --exit-with-stdin it stops when its stdin closes (how bench/run.ts stops it). Session
 * settings such as JIT come from PGOPTIONS, which node-postgres passes to every connection.
 *
 * Everything listens on 127.0.0.1 on free ports. When ready the process prints one JSON line on
 * stdout, `{"ready": true, "url": ..., "metricsUrl": ...}`; GET metricsUrl serves
 * db_queries_total (Prometheus text). SIGTERM or SIGINT stops it too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SUBGRAPHS, type SubgraphName } from '../lib/config.ts';
import type { Database } from '../lib/db.ts';
import { headerMapOf, readBody, sendApolloResponse, type RunningSubgraph } from '../lib/subgraph-server.ts';
import { FLOOR_STATEMENTS } from './sql-baseline.ts';

type Running = { url: string; metricsUrl: string; stop(): Promise<void> };

const HOST = '127.0.0.1';

/** Five subgraph databases on one PostgreSQL URL (each confined to its own schema). */
async function openDatabases(url: string, poolMax?: number): Promise<Record<SubgraphName, Database>> {
  const { openDatabase } = await import('../lib/db.ts');
  return Object.fromEntries(SUBGRAPHS.map((s) => [s, openDatabase(s, { url, poolMax })])) as Record<SubgraphName, Database>;
}

async function closeDatabases(databases: Record<SubgraphName, Database>): Promise<void> {
  for (const db of Object.values(databases)) await db.close();
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return (server.address() as AddressInfo).port;
}


/**
 * Hive Gateway with the Rust query planner and the subgraphs in this process, exactly as `npm start`;
 * `auditAfterAnswer` answers before the audit record is committed (only to measure what waiting costs);
 * `bare` turns access control off altogether (token verification, @requiresScopes at the gateway
 * and in the subgraphs, signed subgraph requests, audit; every request runs as SYSTEM, so nothing
 * is masked), to show what it costs. The switch exists only here, as a programmatic option: no
 * configuration reaches it.
 */
async function startHive(databaseUrl: string, poolMax: number, { auditAfterAnswer = false, bare = false } = {}): Promise<Running> {
  const { startSystem } = await import('../lib/system.ts');
  const { openDatabase } = await import('../lib/db.ts');
  // each subgraph's pool as large as the load's connections, so no request waits for a connection
  const databases = await openDatabases(databaseUrl, poolMax);
  const auditDatabase = openDatabase('audit', { url: databaseUrl });
  // a load test is one identity sending thousands of requests a minute: no rate limit
  const system = await startSystem({
    databases, auditDatabase, benchAuditAfterAnswer: auditAfterAnswer, benchAccessControlOff: bare, port: 0, host: HOST, subgraphPortBase: 0, production: true, limits: { rateLimitPerMinute: 0 },
  });
  const base = `http://${HOST}:${system.gateway.port}`;
  return {
    url: `${base}/graphql`,
    metricsUrl: `${base}/metrics`,
    async stop() {
      await system.stop();
      await closeDatabases(databases);
      await auditDatabase.close();
    },
  };
}

/**
 * The same subgraphs behind @apollo/gateway (JS query planner) served by @apollo/server, doing the
 * work the project's gateway does wherever @apollo/gateway can: the bearer token verified with the
 * same key and checks (gateway/auth.ts requestAuthenticator: signature, issuer, audience, required
 * `exp`, lifetime, claims), refused with the same status and code; the verified claims, the
 * client's request (for the audit) and the deadline signed into every subgraph request
 * (RemoteGraphQLDataSource); the same depth and alias limits (graphql-armor's validation rules,
 * the packages the Hive variant's plugins wrap) and the same cost estimate and limit
 * (gateway/limits.ts estimateCost, in a didResolveOperation hook); introspection off as in
 * production. The subgraphs are the same, with the durable audit on.
 */
async function startApollo(databaseUrl: string, poolMax: number): Promise<Running> {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { randomBytes } = await import('node:crypto');
  const { GraphQLError } = await import('graphql');
  const { maxDepthRule } = await import('@escape.tech/graphql-armor-max-depth');
  const { maxAliasesRule } = await import('@escape.tech/graphql-armor-max-aliases');
  const { signedExtensions } = await import('../lib/auth/upstream.ts');
  const { ApolloServer } = await import('@apollo/server');
  const { ApolloServerPluginLandingPageDisabled } = await import('@apollo/server/plugin/disabled');
  const { loadSubgraphDefinitions } = await import('../lib/system.ts');
  const { startSubgraph } = await import('../lib/subgraph-server.ts');
  const { pointSupergraphAt } = await import('../gateway/server.ts');
  const { readSupergraph } = await import('../gateway/compose.ts');
  const { authOptionsFromConfig, requestAuthenticator, requestMeta } = await import('../gateway/auth.ts');
  const { estimateCost, LIMIT_CODES, limitsFromConfig } = await import('../gateway/limits.ts');
  const { registry } = await import('../lib/metrics.ts');
  const { openDatabase } = await import('../lib/db.ts');
  const { createAuditWriter } = await import('../audit/writer.ts');

  const databases = await openDatabases(databaseUrl, poolMax);
  const auditDatabase = openDatabase('audit', { url: databaseUrl });
  // the same durable audit as the hive variant, so the gateways are compared like with like
  const audit = createAuditWriter(auditDatabase);
  const definitions = await loadSubgraphDefinitions();
  const subgraphs: RunningSubgraph[] = [];
  const upstreamSecret = randomBytes(32).toString('base64');
  for (const name of SUBGRAPHS) subgraphs.push(await startSubgraph(definitions[name], databases[name], { port: 0, host: HOST, upstreamSecret, audit }));
  const supergraphSdl = withoutScopes(pointSupergraphAt(readSupergraph(), Object.fromEntries(subgraphs.map((s) => [s.name, s.url]))));
  // the project gateway's verifier: the same public key (dev key, or JWT_PUBLIC_KEY_FILE / JWT_JWKS_URL), issuer, audience and checks
  const authenticate = requestAuthenticator(await authOptionsFromConfig(upstreamSecret));
  const limits = limitsFromConfig();

  type Context = { identity: unknown; request: ReturnType<typeof requestMeta>; deadline: number };
  // every subgraph request is signed for the verified identity, as the Hive gateway signs it
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<Context>({
        url,
        willSendRequest({ request, context }) {
          const call = { subgraph: name!, issuedAt: Date.now(), deadline: context.deadline };
          const parts = { query: request.query ?? '', variables: request.variables, identity: context.identity ?? null, request: context.request, call };
          request.extensions = { ...request.extensions, ...signedExtensions(upstreamSecret, parts) };
        },
      }),
  });
  const server = new ApolloServer<Context>({
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection: false,
    validationRules: [maxDepthRule({ n: limits.maxDepth }), maxAliasesRule({ n: limits.maxAliases })],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ schema, document, operationName, request }) {
              const estimated = estimateCost(schema, document, operationName, request.variables ?? {}, limits.costListSize);
              if (estimated > limits.maxCost) {
                throw new GraphQLError(`Operation estimated cost ${estimated} exceeds the maximum of ${limits.maxCost}`, {
                  extensions: { code: LIMIT_CODES.cost, cost: { estimated, max: limits.maxCost }, http: { status: 400 } },
                });
              }
            },
          };
        },
      },
    ],
  });
  await server.start();

  const httpServer = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    (async () => {
      if (path === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
        return;
      }
      if (path !== '/graphql') {
        res.writeHead(404).end();
        return;
      }
      const deadline = Date.now() + limits.requestTimeoutMs;
      const headers = headerMapOf(req);
      // a fetch Headers, as the Hive gateway's request has (HeaderMap answers undefined, not null, for a missing header)
      const fetchHeaders = new Headers([...headers]);
      const auth = await authenticate(fetchHeaders);
      if ('code' in auth) {
        res.writeHead(auth.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: auth.message, extensions: { code: auth.code } }] }));
        return;
      }
      const text = req.method === 'POST' ? await readBody(req) : '';
      const body = text ? (JSON.parse(text) as { query?: string; operationName?: string; extensions?: Record<string, unknown> }) : undefined;
      const request = requestMeta({ request: { headers: fetchHeaders }, params: { query: body?.query ?? null, operationName: body?.operationName ?? null, extensions: body?.extensions ?? null } });
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: new URL(req.url ?? '/', 'http://x').search,
          body,
        },
        context: async () => ({ identity: auth.payload, request, deadline }),
      });
      await sendApolloResponse(res, response);
    })().catch((err: Error) => {
      process.stderr.write(`apollo variant: ${err.stack ?? err.message}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const port = await listen(httpServer);
  return {
    url: `http://${HOST}:${port}/graphql`,
    metricsUrl: `http://${HOST}:${port}/metrics`,
    async stop() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.stop();
      for (const s of subgraphs) await s.stop();
      await audit.close();
      await closeDatabases(databases);
      await auditDatabase.close();
    },
  };
}

/**
 * The floor: POST /floor/<Q1|Q2|Q3> with {"code": ...} runs that question's single statement
 * (prepared once per connection), which returns the finished response text. Counts its own
 * statements.
 */
async function startFloor(databaseUrl: string, poolMax: number): Promise<Running> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax, application_name: 'address-graph:bench-floor' });
  let statements = 0;
  const httpServer = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    (async () => {
      if (path === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        const cpu = process.cpuUsage();
        res.end(`# TYPE db_queries_total counter\ndb_queries_total{subgraph="floor"} ${statements}\n# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}\n`);
        return;
      }
      const statement = FLOOR_STATEMENTS[path.replace('/floor/', '') as keyof typeof FLOOR_STATEMENTS];
      if (!statement || req.method !== 'POST' || !path.startsWith('/floor/')) {
        res.writeHead(404).end();
        return;
      }
      const { code } = JSON.parse(await readBody(req)) as { code: string };
      statements++;
      const result = await pool.query<{ body: string }>({ text: statement.text, values: statement.values(code), name: path });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(result.rows[0].body);
    })().catch((err: Error) => {
      process.stderr.write(`sql variant: ${err.message}\n`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: err.message }] }));
    });
  });
  const port = await listen(httpServer);
  return {
    url: `http://${HOST}:${port}/floor`,
    metricsUrl: `http://${HOST}:${port}/metrics`,
    async stop() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await pool.end();
    },
  };
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'database-url': { type: 'string' },
    pool: { type: 'string', default: '16' },
    'exit-with-stdin': { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
  },
});
const variant = positionals[0];
const databaseUrl = values['database-url'];
const workerCount = Number(values.workers);
if (!databaseUrl || !['hive', 'hive-audit-after', 'hive-bare', 'apollo', 'sql'].includes(variant) || !Number.isInteger(workerCount) || workerCount < 1 || (workerCount > 1 && variant !== 'hive')) {
  process.stderr.write('usage: node bench/serve.ts hive|hive-audit-after|hive-bare|apollo|sql --database-url URL [--pool N] [--exit-with-stdin] [--workers N (hive only)]\n');
  process.exit(2);
}

/**
 * `hive --workers N`: N copies of the hive variant on one port, as `WORKERS=N npm start` runs them
 * (lib/workers.ts); the ready line lists every process's pid, and /metrics sums all workers.
 */
async function startHiveWorkers(count: number): Promise<Running & { pids: number[] }> {
  const { startWorkers } = await import('../lib/workers.ts');
  const workers = startWorkers({ count });
  const ready = await Promise.race([workers.ready, workers.failed.then((code) => Promise.reject(new Error(`a worker failed to start (${code})`)))]);
  const base = `http://${HOST}:${ready.port}`;
  return { url: `${base}/graphql`, metricsUrl: `${base}/metrics`, pids: [process.pid, ...ready.pids], stop: () => workers.stop() };
}

const cluster = (await import('node:cluster')).default;
if (cluster.isWorker) {
  const { reportReady, serveWorkerMetrics } = await import('../lib/workers.ts');
  serveWorkerMetrics();
  // the load's connections are spread over the workers: so are the pools (PostgreSQL's max_connections)
  const workers = Number(process.env.ADDRESS_GRAPH_WORKERS) || 1;
  const worker = await startHive(databaseUrl, Math.ceil(Number(values.pool) / workers));
  reportReady(Number(new URL(worker.url).port));
  const stopWorker = () => worker.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stopWorker);
  process.on('SIGINT', stopWorker);
  process.on('disconnect', stopWorker);
  await new Promise(() => {});
}

const running: Running & { pids?: number[] } =
  workerCount > 1 ? await startHiveWorkers(workerCount)
  : variant === 'hive' ? await startHive(databaseUrl, Number(values.pool))
  : variant === 'hive-audit-after' ? await startHive(databaseUrl, Number(values.pool), { auditAfterAnswer: true })
  : variant === 'hive-bare' ? await startHive(databaseUrl, Number(values.pool), { bare: true })
  : variant === 'apollo' ? await startApollo(databaseUrl, Number(values.pool))
  : await startFloor(databaseUrl, Number(values.pool));

process.stdout.write(`${JSON.stringify({ ready: true, variant, url: running.url, metricsUrl: running.metricsUrl, pid: process.pid, pids: running.pids ?? [process.pid] })}\n`);

/**
 * Stops the servers and closes the pools, or exits anyway after 5 s. Apollo Server and Hive
 * Gateway install SIGINT/SIGTERM handlers of their own that stop their servers and re-raise the
 * signal, so a signal is not a reliable way to stop cleanly: the benchmark closes stdin instead.
 */
let stopping = false;
function shutdown(): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 5000).unref();
  running.stop().then(
    () => process.exit(0),
    (err: Error) => {
      process.stderr.write(`${variant} variant: stopping failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
if (values['exit-with-stdin']) {
  // The parent going away (or asking us to stop) closes stdin: do not outlive it.
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}

/**
 * @apollo/gateway refuses supergraphs that link SECURITY features (only Apollo Router implements
 * @requiresScopes), so this comparison variant gets the supergraph without them; the subgraphs
 * still check every scope on the signed identity.
 */
function withoutScopes(sdl: string): string {
  return sdl
    .replace(/^\s*@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v0\.1", for: SECURITY\)\n/m, '')
    .replace(/^directive @requiresScopes\(.*\n/m, '')
    .replace(/^scalar requiresScopes__Scope\n/m, '')
    .replace(/ @requiresScopes\(scopes: \[[^\n]*?\]\]\)/g, '');
}
