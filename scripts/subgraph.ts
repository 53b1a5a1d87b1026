/** `npm run subgraph -- <name>`: runs one subgraph alone as its own process. */
import { SUBGRAPHS } from '../lib/config.ts';

const name = process.argv[2];
if (!name || !(SUBGRAPHS as readonly string[]).includes(name)) {
  process.stderr.write(`usage: npm run subgraph -- <${SUBGRAPHS.join('|')}>\n`);
  process.exit(2);
}
await import(`../subgraphs/${name}/index.ts`);
