import type { Loaders } from './loaders.ts';
import type { CaseRepository } from './repository.ts';

/** Per-request context of the cases subgraph. */
export type CasesContext = {
  repository: CaseRepository;
  loaders: Loaders;
};
