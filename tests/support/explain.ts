/**
 * EXPLAINs the statements a repository sends, inside a transaction with `enable_seqscan = off`:
 * the fixture tables are small enough that the planner may rightly prefer a sequential scan, so
 * this checks that an index *can* serve each statement. The repository sees empty results.
 */
import type { Database, Db } from '../../lib/db.ts';

/** One plan per statement `run` sent through the `Db` it is given, in order. */
export async function explainStatements(database: Database, run: (explaining: Db) => Promise<unknown>): Promise<string[]> {
  return database.knex.transaction(async (trx) => {
    await trx.raw('SET LOCAL enable_seqscan = off');
    const plans: string[] = [];
    const explaining = new Proxy(trx, {
      get: (target, prop, receiver) =>
        prop === 'raw'
          ? async (sql: string, bindings: unknown) => {
              const result = await target.raw(`EXPLAIN ${sql}`, bindings as never);
              plans.push((result.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n'));
              return { rows: [] };
            }
          : Reflect.get(target, prop, receiver),
    }) as unknown as Db;
    await run(explaining);
    return plans;
  });
}
