/**
 * The department CSV formats `npm run import` reads and `npm run seed -- --departments` writes.
 * Each file has a header row with exactly these columns, in any order; the first column is the
 * department's own record id, the key of idempotent upserts. Address columns hold free text as the
 * department typed it; the importer standardizes them to address codes.
 */
export const DEPARTMENT_FORMATS = {
  people: {
    file: 'people.csv',
    table: 'people.person',
    idColumn: 'person_id',
    columns: ['person_id', 'name', 'gender', 'birth_date', 'id_number', 'phone', 'household_type', 'relation', 'since', 'address'],
    addressColumns: ['address'],
  },
  entities: {
    file: 'entities.csv',
    table: 'entities.legal_entity',
    idColumn: 'credit_code',
    columns: ['credit_code', 'name', 'kind', 'industry', 'status', 'registered_on', 'legal_rep_person_id', 'registered_address', 'business_address'],
    addressColumns: ['registered_address', 'business_address'],
  },
  events: {
    file: 'events.csv',
    table: 'events.event',
    idColumn: 'event_id',
    columns: ['event_id', 'kind', 'source', 'severity', 'status', 'reported_at', 'resolved_at', 'description', 'address'],
    addressColumns: ['address'],
  },
  cases: {
    file: 'cases.csv',
    table: 'cases.legal_case',
    idColumn: 'case_id',
    columns: ['case_id', 'kind', 'status', 'filed_on', 'closed_on', 'outcome', 'summary', 'address'],
    addressColumns: ['address'],
  },
} as const;

export type DepartmentKind = keyof typeof DEPARTMENT_FORMATS;
export const DEPARTMENT_KINDS = Object.keys(DEPARTMENT_FORMATS) as DepartmentKind[];

/**
 * The labelled set written beside the department files: one row per address cell, with the code
 * the text truly denotes ('' when it denotes nothing in the district, e.g. another district).
 */
export const LABELS_FILE = 'labels.csv';
export const LABEL_COLUMNS = ['kind', 'record_id', 'column', 'text', 'true_code', 'variants'] as const;
