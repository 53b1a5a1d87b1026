/**
 * No request holds PostgreSQL for long: every subgraph session has a statement_timeout
 * (DB_STATEMENT_TIMEOUT_MS) that surfaces as STATEMENT_TIMEOUT, and a statement whose HTTP
 * request is abandoned (the gateway or its client went away) is cancelled at once.
 *
 * PostgreSQL only: PGlite runs statements synchronously in one WebAssembly thread, has no
 * statement timer (SET statement_timeout has no effect; a 1.5 s pg_sleep under a 200 ms timeout
 * completes) and no second connection to cancel from, so neither applies there.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedExtensions } from '../lib/auth/upstream.ts';
import { openDatabase, query, type Database } from '../lib/db.ts';
import { startSubgraph, type SubgraphDefinition } from '../lib/subgraph-server.ts';
import { subgraphClient } from './support/subgraph.ts';

const url = process.env.DATABASE_URL;
const SECRET = 'statements-test-secret-of-at-least-32-characters';

/** A subgraph whose one field runs a statement of the asked length, labelled so pg_stat_activity can find it. */
function sleeper(label: string): SubgraphDefinition<{ database: Database }> {
  return {
    name: 'buildings',
    typeDefs: parse(`type Query { "Sleeps in PostgreSQL." sleep(seconds: Float!): Int }`),
    resolvers: {
      Query: {
        sleep: async (_: unknown, { seconds }: { seconds: number }, ctx: { database: Database }) => {
          await query(ctx.database.knex, `/* ${label} */ SELECT pg_sleep(?)`, [seconds]);
          return 1;
        },
      },
    } as never,
    createContext: (database) => ({ database }),
  };
}

/** Backends running a statement with this label (other than the one asking). */
async function running(db: Database, label: string): Promise<number> {
  const rows = await query<{ n: number }>(db.knex,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE ? AND pid <> pg_backend_pid()`, [`/* ${label} */%`]);
  return rows[0].n;
}

/**
 * POSTs `query` to a subgraph as the gateway would (anonymous, signed for the buildings subgraph
 * now), with the given deadline (epoch ms) and abort signal.
 */
function signedPost(url: string, query: string, options: { deadline?: number | null; signal?: AbortSignal } = {}): Promise<Response> {
  const call = { subgraph: 'buildings', issuedAt: Date.now(), deadline: options.deadline ?? null };
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, extensions: signedExtensions(SECRET, { query, variables: undefined, identity: null, request: null, call }) }),
    signal: options.signal,
  });
}

/** Polls until `predicate` holds, at most `tries` times 50 ms apart; returns whether it did. */
async function eventually(predicate: () => Promise<boolean>, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe.skipIf(!url)('statement timeout and cancellation (PostgreSQL)', () => {
  let timed: Database;
  let untimed: Database;
  beforeAll(() => {
    timed = openDatabase('buildings', { url: url!, poolMax: 2, statementTimeoutMs: 300 });
    untimed = openDatabase('buildings', { url: url!, poolMax: 4, statementTimeoutMs: 0 });
  });
  afterAll(async () => {
    await timed?.close();
    await untimed?.close();
  });

  it('sets a statement_timeout of a few seconds on every subgraph session by default', async () => {
    const db = openDatabase('buildings', { url: url!, poolMax: 1 });
    try {
      const [row] = await query<{ statement_timeout: string }>(db.knex, 'SHOW statement_timeout');
      expect(row.statement_timeout).toBe('5s');
    } finally {
      await db.close();
    }
  });

  it('cancels a statement past the timeout with STATEMENT_TIMEOUT, not INTERNAL_SERVER_ERROR', async () => {
    const client = await subgraphClient(sleeper('statements.timeout'), timed);
    try {
      const res = await client.run('{ sleep(seconds: 30) }');
      expect(res.data?.sleep).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['STATEMENT_TIMEOUT']);
      expect(res.errors?.[0].message).toContain('DB_STATEMENT_TIMEOUT_MS');
      // the pool's connection is still good
      expect((await client.run('{ sleep(seconds: 0) }')).data).toEqual({ sleep: 1 });
    } finally {
      await client.stop();
    }
  });

  it("cancels the running statement when the gateway's signed deadline for the request passes", async () => {
    const label = `statements.deadline.${Date.now()}`;
    const server = await startSubgraph(sleeper(label), untimed, { upstreamSecret: SECRET });
    try {
      const res = await signedPost(server.url, '{ sleep(seconds: 60) }', { deadline: Date.now() + 500 });
      // this pool has no statement timeout: only the deadline can have ended the minute-long sleep
      const body = (await res.json()) as { data: { sleep: number | null }; errors?: { extensions?: { code?: string } }[] };
      expect(body.data.sleep).toBeNull();
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['REQUEST_ABANDONED']);
      expect(await eventually(async () => (await running(untimed, label)) === 0)).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('cancels the running statement when the HTTP client disconnects', async () => {
    const label = `statements.abandoned.${Date.now()}`;
    const server = await startSubgraph(sleeper(label), untimed, { upstreamSecret: SECRET });
    try {
      const aborted = new AbortController();
      const response = signedPost(server.url, '{ sleep(seconds: 60) }', { signal: aborted.signal }).catch((err: Error) => err);
      expect(await eventually(async () => (await running(untimed, label)) === 1)).toBe(true);
      aborted.abort();
      expect(await response).toBeInstanceOf(Error);
      // without the cancel it would run for a minute (this pool has no statement timeout)
      expect(await eventually(async () => (await running(untimed, label)) === 0)).toBe(true);
      // and the subgraph still answers
      const ok = await signedPost(server.url, '{ sleep(seconds: 0) }');
      expect(await ok.json()).toEqual({ data: { sleep: 1 } });
    } finally {
      await server.stop();
    }
  });
});
