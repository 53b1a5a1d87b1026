import type { QuarantineContext } from '../../importer/quarantine-graphql.ts';
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { LoadedStandardizer } from '../../address/standardizer.ts';
import type { Loaders } from './loaders.ts';
import type { AddressRepository } from './repository.ts';

/** Per-request context of the buildings subgraph. */
export type BuildingsContext = {
  /** Who the request runs as, verified by the gateway. */
  viewer: Viewer;
  repository: AddressRepository;
  loaders: Loaders;
  /** The process-wide address standardizer, its registry index built on first use. */
  standardizer: () => Promise<LoadedStandardizer>;
  /** The stewards' quarantine (importer/quarantine-graphql.ts); null when the subgraph runs without the registry or the audit writer. */
  quarantine: QuarantineContext | null;
};
