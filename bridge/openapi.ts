/**
 * The OpenAPI 3.1 document of the REST routes, generated from the registry: one path per view,
 * its filters as parameters, its columns as the row schema.
 */
import type { Column, View } from './registry.ts';
import { enumValues } from './schema.ts';
import { VIEWS } from './views/index.ts';
import { DEFAULT_LIMIT } from './rest.ts';
import { FORMATS } from './formats.ts';

type Schema = Record<string, unknown>;

function columnSchema(column: Column): Schema {
  const base: Schema = (() => {
    switch (column.type) {
      case 'integer':
        return { type: 'integer' };
      case 'number':
        return { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'datetime':
        return { type: 'string', format: 'date-time' };
      default:
        return { type: 'string', ...(column.enum ? { enum: [...enumValues(column.enum)] } : {}) };
    }
  })();
  if (column.nullable) base.type = [base.type as string, 'null'];
  if (column.nullable && base.enum) (base.enum as unknown[]).push(null);
  return { ...base, description: column.description };
}

function rowSchema(view: View): Schema {
  return {
    type: 'object',
    description: `One row of ${view.title}. Key: ${view.key.join(', ')}.`,
    properties: Object.fromEntries(view.columns.map((c) => [c.name, columnSchema(c)])),
    required: view.columns.filter((c) => !c.nullable).map((c) => c.name),
  };
}

function filterParameters(view: View): Schema[] {
  return view.filters.map((f) => ({
    name: f.name,
    in: 'query',
    required: false,
    description: f.description,
    schema:
      f.type === 'datetime' ? { type: 'string', format: 'date-time' }
      : f.type === 'date' ? { type: 'string', format: 'date' }
      : f.type === 'boolean' ? { type: 'boolean' }
      : f.type === 'code' ? { type: 'string', pattern: '^[0-9]{6}([0-9]{3}([0-9]{3}([0-9]{2}([0-9A-Z]{5}([0-9A-Z]{6})?)?)?)?)?$' }
      : { type: 'string', description: `Comma-separated: ${enumValues(f.enum!).join(', ')}` },
  }));
}

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/** The OpenAPI 3.1 document; `serverUrl` is the gateway's public base URL. */
export function openApiDocument(serverUrl: string): Schema {
  const schemas: Record<string, Schema> = {
    Problem: {
      type: 'object',
      description: 'An error (RFC 9457 problem details).',
      properties: {
        type: { type: 'string', description: 'URN naming the problem, urn:address-graph:problem:<code>.' },
        title: { type: 'string', description: 'Short summary of the status.' },
        status: { type: 'integer', description: 'The HTTP status.' },
        detail: { type: 'string', description: 'What went wrong, for people.' },
        code: { type: 'string', description: 'The error code (see the README error table).' },
        parameter: { type: 'string', description: 'The query parameter at fault.' },
        subgraph: { type: 'string', description: 'The subgraph that failed.' },
        instance: { type: 'string', description: 'The request path.' },
      },
      required: ['type', 'title', 'status', 'detail', 'code'],
    },
  };
  const paths: Record<string, Schema> = {};
  for (const view of VIEWS) {
    const row = `${view.entityType}Row`;
    schemas[row] = rowSchema(view);
    schemas[`${view.entityType}Page`] = {
      type: 'object',
      properties: {
        set: { type: 'string', const: view.name, description: 'The set.' },
        rows: { type: 'array', items: { $ref: `#/components/schemas/${row}` }, description: `Rows in order: ${view.order}.` },
        next: { type: ['string', 'null'], format: 'uri', description: 'URL of the next page; null on the last.' },
      },
      required: ['set', 'rows', 'next'],
    };
    paths[`/rest/${view.name}`] = {
      get: {
        operationId: `list${view.entitySet}`,
        summary: view.title,
        description: `${view.description}\n\nOrder: ${view.order}. Scopes: ${view.scopes.join(', ') || 'none (public registry data)'}.`,
        tags: ['sets'],
        parameters: [
          { name: 'format', in: 'query', description: 'Response format; default from Accept, else json.', schema: { type: 'string', enum: Object.keys(FORMATS) } },
          { name: 'limit', in: 'query', description: `Rows per page (default ${DEFAULT_LIMIT}; the largest is BRIDGE_MAX_PAGE, 1000 unless configured).`, schema: { type: 'integer', minimum: 1 } },
          { name: 'cursor', in: 'query', description: 'Opaque cursor from the previous page\'s next link.', schema: { type: 'string' } },
          { name: 'all', in: 'query', description: 'true: the whole set in one streamed response (no paging).', schema: { type: 'boolean' } },
          ...filterParameters(view),
        ],
        responses: {
          '200': {
            description: 'A page of rows (or the whole set with all=true). A page that has a successor carries a Link: <url>; rel="next" header.',
            headers: { Link: { description: 'rel="next": the next page.', schema: { type: 'string' } } },
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/${view.entityType}Page` } },
              'application/x-ndjson': { schema: { $ref: `#/components/schemas/${row}` } },
              'text/csv': { schema: { type: 'string', description: 'UTF-8 with BOM, a header row of the column names, CRLF lines.' } },
              [FORMATS.xlsx]: { schema: { type: 'string', contentEncoding: 'binary' } },
            },
          },
          '400': problemResponse('A parameter is wrong; `parameter` names it.'),
          '401': problemResponse('No valid credentials (token or API key).'),
          '403': problemResponse('The credentials\' scopes do not cover this set.'),
          '406': problemResponse('The Accept header asks for no format served.'),
          '429': problemResponse('Rate limited; retry after Retry-After seconds.'),
          '502': problemResponse('A subgraph failed while the rows were produced; `subgraph` names it.'),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Address Graph BI bridge',
      version: '1.0.0',
      description: 'Tables of the federated address graph for Power BI, Excel, Tableau and pandas. Every request runs as the caller (a bearer token or an API key) through the gateway, so scopes, community limits, masking and the audit trail apply. The same sets are served as OData v4 at /odata/.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { apiKeyHeader: [] }, { basic: [] }],
    tags: [{ name: 'sets', description: 'Entity sets.' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A JWT from the identity provider, or an API key (agk_...).' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'api_key', description: 'An API key (npm run apikey -- create).' },
        basic: { type: 'http', scheme: 'basic', description: 'Any user name, an API key as the password (what Power BI offers).' },
      },
    },
  };
}
