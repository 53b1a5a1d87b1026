/**
 * The V8 heap budget of the long-running commands (`npm start`, `npm run gateway`,
 * `npm run bridge`): package.json starts them with this flag, and the bridge benchmark starts its
 * default server with it too (tests/artifacts.test.ts checks both).
 *
 * Why: with no budget V8 lets a long export's garbage reach about four times the live heap before
 * collecting it (+350 to +400 MB of RSS for a million-row CSV). The live heap of the whole system
 * stays near 100 MB: 87 MB at most while `npm start` loads the demo data on PGlite, 93 MB during
 * its exports, 116 MB with four whole exports at once on PostgreSQL (BRIDGE_MAX_EXPORTS bounds
 * them), all read from `--trace-gc` after full collections. 512 MB is more than four times that, so
 * the budget makes V8 collect sooner without coming near an out-of-memory stop. Change it in
 * package.json (and here), or run `npx node --max-old-space-size=N scripts/start.ts`: Node lets
 * the command line win over NODE_OPTIONS.
 */
import v8 from 'node:v8';

export const HEAP_BUDGET_MB = 512;
export const HEAP_BUDGET_FLAG = `--max-old-space-size=${HEAP_BUDGET_MB}`;

/** The heap this process may use, MB (V8's heap_size_limit: the old-space budget plus the young generation). */
export function heapLimitMb(): number {
  return Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
}
