/**
 * Supergraph composition at build time: `npm run compose` composes the subgraphs'
 * schema.graphql files (with the shared SDL they include, lib/schema-file.ts) with @apollo/composition and writes gateway/supergraph.graphql
 * (committed; a test fails when it is stale). Subgraph URLs in the file are the defaults of
 * `npm start`; the gateway points them elsewhere at run time from config.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { SUBGRAPHS } from '../lib/config.ts';
import { loadSchema } from '../lib/schema-file.ts';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

/** Default subgraph URL baked into the committed supergraph (SUBGRAPH_PORT_BASE=4001). */
function defaultUrl(index: number): string {
  return `http://127.0.0.1:${4001 + index}/graphql`;
}

/** Composes the supergraph SDL from the subgraph schemas on disk; throws listing every composition error. */
export function composeSupergraph(): string {
  const services = SUBGRAPHS.map((name, i) => ({
    name,
    url: defaultUrl(i),
    typeDefs: loadSchema(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url)),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

/** The committed supergraph SDL. */
export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
    process.stdout.write(`wrote ${SUPERGRAPH_PATH}\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}
