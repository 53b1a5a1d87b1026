/**
 * Quality statements over a department schema's import bookkeeping (`<schema>.import_run`), one
 * copy per schema: people, entities, events and cases each read only their own. Run-level: the
 * rows carry no community (''), so a run limited to communities leaves them out.
 */
import { raw, type Fragment } from '../../lib/sql.ts';
import type { Statement } from '../statement.ts';

type ImportSchema = 'people' | 'entities' | 'events' | 'cases';

/** The newest completed import run: rows read, quarantined (bad) and linked at room / building / community. */
export const lastImportLinkage = (schema: ImportSchema): Statement => (): Fragment => raw(`/* quality.${schema}.lastImportLinkage */
  SELECT '' AS community, '' AS segment, rows_in AS total, quarantined AS bad, NULL::float8 AS value,
         linked_room AS room, linked_building AS building, linked_community AS coarse
  FROM ${schema}.import_run WHERE status = 'completed' ORDER BY finished_at DESC, id DESC LIMIT 1`);

/** Days since the newest completed import run finished (no row when there has been none). */
export const lastImportAge = (schema: ImportSchema): Statement => (): Fragment => raw(`/* quality.${schema}.lastImportAge */
  SELECT '' AS community, '' AS segment, count(*) AS total, NULL::bigint AS bad,
         extract(epoch FROM now() - max(finished_at)) / 86400 AS value
  FROM ${schema}.import_run WHERE status = 'completed' HAVING count(*) > 0`);
