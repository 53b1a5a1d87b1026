/**
 * EXPLAINs the statements a repository sends, inside a transaction with `enable_seqscan = off`:
 * the fixture tables are small enough that the planner may rightly prefer a sequential scan, so
 * this checks that an index *can* serve each statement. The repository sees empty results.
 */
import type { Database, Db } from '../../lib/db.ts';

/**
 * One plan per statement `run` sent through the `Db` it is given, in order. `settings` are more
 * planner settings for the transaction (e.g. 'enable_indexscan = off', so a LIMIT cannot walk
 * another index backwards when the question is whether a GIN index can serve the filter).
 */
export async function explainStatements(database: Database, run: (explaining: Db) => Promise<unknown>, settings: readonly string[] = []): Promise<string[]> {
  return database.knex.transaction(async (trx) => {
    await trx.raw('SET LOCAL enable_seqscan = off');
    for (const setting of settings) await trx.raw(`SET LOCAL ${setting}`);
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
