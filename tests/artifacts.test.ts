/**
 * Committed build artifacts must match their sources: the composed supergraph and the generated
 * resolver types. A stale one means someone changed a schema without `npm run compose` or
 * `npm run codegen`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, readSupergraph } from '../gateway/compose.ts';
import { SUBGRAPHS } from '../lib/config.ts';
import { schemaSource } from '../lib/schema-file.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('committed artifacts', () => {
  it('gateway/supergraph.graphql is what the subgraph schemas compose to (run `npm run compose`)', () => {
    expect(readSupergraph()).toBe(composeSupergraph());
  });

  it('generated resolver types match the schemas (run `npm run codegen`)', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.yml') });
    const outputs = await generate({ ...config, cwd: root, silent: true }, false);
    expect(outputs.length).toBe(SUBGRAPHS.length);
    for (const output of outputs) {
      const committed = readFileSync(path.resolve(root, output.filename), 'utf8');
      expect(committed, `${output.filename} is stale`).toBe(output.content);
    }
  });

  it('every type and field of every subgraph schema has a description', () => {
    const missing: string[] = [];
    for (const name of SUBGRAPHS) {
      const sdl = schemaSource(pathToFileURL(path.join(root, 'subgraphs', name, 'schema.graphql')));
      const lines = sdl.split('\n');
      lines.forEach((line, i) => {
        const prev = lines[i - 1]?.trim() ?? '';
        const described = prev.endsWith('"') || prev.endsWith('"""');
        const isTypeStart = /^(type|enum|scalar|input|interface|union) \w+/.test(line) && !/^type Query\b/.test(line);
        const isField = /^ {2}\w+(\(|:)/.test(line) || /^ {2}[A-Z_]+$/.test(line);
        if ((isTypeStart || isField) && !described) missing.push(`${name}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(missing).toEqual([]);
  });
});
