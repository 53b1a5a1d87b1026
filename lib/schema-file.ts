import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

/** `# includes: <relative path>` lines at the top of a schema file: SDL shared by several subgraphs. */
const INCLUDES = /^# includes: (\S+)\s*$/gm;

/**
 * A subgraph's schema.graphql as text, with the shared SDL files it names in `# includes:` lines
 * appended (importer/quarantine.graphql for the four departments). codegen.yml lists the same
 * files beside each schema, so the generated resolver types see what the server serves.
 */
export function schemaSource(url: URL): string {
  const own = readFileSync(url, 'utf8');
  const included = [...own.matchAll(INCLUDES)].map((m) => readFileSync(new URL(m[1], url), 'utf8'));
  return [own, ...included].join('\n');
}

/** Parses a subgraph's schema.graphql (pass `new URL('./schema.graphql', import.meta.url)`), includes appended. */
export function loadSchema(url: URL): DocumentNode {
  return parse(schemaSource(url));
}
