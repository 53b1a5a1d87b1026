/**
 * One document object per operation text, so the query planner's cache hits (issue 11, write speed).
 *
 * Hive's router runtime caches query plans in a WeakMap keyed by the DocumentNode object. The
 * document that reaches it is rebuilt per request on the way (the authorization plugins' copies),
 * so every request missed the cache and was planned again by the Rust planner: measured on
 * eventReport, every one of 20 identical requests called planAsync. This plugin, last before
 * execution, swaps the document for the first one seen with the same printed text (a plan depends
 * on the text and the operation name, which the planner's own key adds), so the planner's cache
 * holds one entry per distinct operation.
 */
import { print, type DocumentNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** Distinct operation texts remembered (oldest forgotten first). */
export const STABLE_DOCUMENTS = 1000;

export function useStableDocuments(max = STABLE_DOCUMENTS): GatewayPlugin {
  const byText = new Map<string, DocumentNode>();
  // the last document seen per incoming object: printing is skipped for a cached parse
  const seen = new WeakMap<DocumentNode, DocumentNode>();
  return {
    onExecute({ args }) {
      const incoming = args.document as DocumentNode;
      let stable = seen.get(incoming);
      if (!stable) {
        const text = print(incoming);
        stable = byText.get(text);
        if (!stable) {
          if (byText.size >= max) byText.delete(byText.keys().next().value!);
          byText.set(text, incoming);
          stable = incoming;
        }
        seen.set(incoming, stable);
      }
      args.document = stable;
    },
  };
}
