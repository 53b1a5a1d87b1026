/**
 * Admission for whole exports (`all=true`): at most BRIDGE_MAX_EXPORTS stream at once in this
 * process. Each holds at most two graph pages (bridge/pages.ts allPages), so the count bounds the
 * heap the bridge can take, and with it the process's memory under a heap budget; one more export
 * is refused at once with 503 EXPORTS_BUSY and a Retry-After instead of queueing unseen.
 */
import { env } from '../lib/config.ts';
import { ERROR_CODES } from '../lib/error-codes.ts';
import { bridgeExportsInProgress } from '../lib/metrics.ts';
import { BridgeError } from './problem.ts';

/** Seconds a refused client is told to wait: about what a long export of a million rows takes. */
const RETRY_AFTER_SECONDS = 15;

let streaming = 0;

/** Takes a slot for one whole export, or throws EXPORTS_BUSY; the returned function gives it back (once). */
export function takeExportSlot(): () => void {
  const max = env().BRIDGE_MAX_EXPORTS;
  if (streaming >= max) {
    throw new BridgeError({
      status: 503,
      code: ERROR_CODES.EXPORTS_BUSY,
      retryAfter: RETRY_AFTER_SECONDS,
      detail: `${max} whole exports are already streaming from this server (BRIDGE_MAX_EXPORTS); retry in ${RETRY_AFTER_SECONDS} s, or fetch pages with limit and cursor`,
    });
  }
  streaming += 1;
  bridgeExportsInProgress.set(streaming);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    streaming -= 1;
    bridgeExportsInProgress.set(streaming);
  };
}
