/**
 * Custom scalars shared by the subgraphs. Each validates at parse time and says what is wrong.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { checkAddressCode } from './address-code.ts';
import { checkCreditCode } from './check-digits.ts';
import { ErrorCode } from './errors.ts';

function literalString(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) {
    throw new GraphQLError(`${scalar} must be a string literal, got ${ast.kind}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return ast.value;
}

function parseAddressCode(value: unknown): string {
  const check = checkAddressCode(value);
  if (!check.ok) {
    throw new GraphQLError(`Invalid AddressCode: ${check.message}`, { extensions: { code: ErrorCode.INVALID_ADDRESS_CODE } });
  }
  return check.code;
}

export const AddressCode = new GraphQLScalarType({
  name: 'AddressCode',
  serialize: (value) => String(value),
  parseValue: parseAddressCode,
  parseLiteral: (ast) => parseAddressCode(literalString(ast, 'AddressCode')),
});

function parseCreditCode(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError('Invalid CreditCode: must be a string', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  const check = checkCreditCode(value);
  if (!check.ok) throw new GraphQLError(`Invalid CreditCode: ${check.message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  return check.value;
}

export const CreditCode = new GraphQLScalarType({
  name: 'CreditCode',
  serialize: (value) => String(value),
  parseValue: parseCreditCode,
  parseLiteral: (ast) => parseCreditCode(literalString(ast, 'CreditCode')),
});

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Years a date may have: 0001-9999. JavaScript accepts year 0000 (1 BC) and PostgreSQL refuses it,
 * so without this bound such a date passed here and failed inside a statement.
 */
const inYearRange = (d: Date) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999;

/** Input text echoed in an error, cut short and with control characters escaped by JSON. */
const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value);

function parseDate(value: unknown): string {
  if (typeof value === 'string' && DATE_RE.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && inYearRange(d) && d.toISOString().startsWith(value)) return value;
  }
  throw new GraphQLError(`Invalid Date: expected YYYY-MM-DD with a year from 0001 to 9999, got ${shown(value)}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literalString(ast, 'Date')),
});

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string') {
    const d = new Date(value);
    // the instant (in UTC, as PostgreSQL stores it) must also fall in 0001-9999
    if (!Number.isNaN(d.getTime()) && /^\d{4}-\d{2}-\d{2}T/.test(value) && inYearRange(d) && Number(value.slice(0, 4)) >= 1) return d;
  }
  throw new GraphQLError(`Invalid DateTime: expected an ISO 8601 timestamp with a year from 0001 to 9999, such as 2026-01-31T08:00:00+08:00, got ${shown(value)}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

/** The canonical text of an instant (UTC, milliseconds): what repositories select with lib/sql.ts isoInstant. */
const CANONICAL_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) =>
    typeof value === 'string' && CANONICAL_INSTANT.test(value) ? value : value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literalString(ast, 'DateTime')),
});
