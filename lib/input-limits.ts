/**
 * One rule for every free-text argument of every subgraph: a String or ID argument (alone, in a
 * list or in an input object) is at most MAX_ARGUMENT_LENGTH characters, unless ARGUMENT_LIMITS
 * names it, and holds no NUL character (PostgreSQL text cannot store one, so it could only fail
 * deep inside a statement). Checked before the field's resolver runs, so no statement ever sees
 * an oversized or NUL text, and a new field or argument is covered without a line of its own.
 *
 * - Bad text gives BAD_USER_INPUT naming the argument and the limit.
 * - Cursor arguments (`after`) give INVALID_CURSOR instead: a NUL is never part of a cursor.
 * - Ids inside a list (`people(ids: [...])`) are looked up one by one: an id with a NUL is an id
 *   that cannot exist, so it answers null like any unknown id, and the valid ids beside it still
 *   resolve (lib/loader.ts keyedLoader never sends it to the database).
 */
import { defaultFieldResolver, GraphQLError, type GraphQLArgument, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { ErrorCode } from './errors.ts';
import { kindOf, objectFields } from './schema-fields.ts';

/** Longest String/ID argument, characters (an opaque cursor is about 110; a token subject fits). */
export const MAX_ARGUMENT_LENGTH = 256;

/**
 * Arguments with their own limit, as `Type.field.argument`. Search text is matched against names
 * of at most a few dozen characters; an address to standardize is at most 500.
 */
export const ARGUMENT_LIMITS: Readonly<Record<string, number>> = {
  'Query.searchAddresses.query': 100,
  'Query.standardizeAddress.text': 500,
  'Query.standardizeAddresses.texts': 500,
  // a case's summary and a step's note are up to 2000 characters (the mutations check each field's own limit)
  'Mutation.caseOpen.input': 2000,
  'Mutation.caseUpdateStatus.input': 2000,
  'Mutation.caseClose.input': 2000,
  // an event's description, a note and a unit's name: the mutations check each field's own limit (2000, 200)
  'Mutation.eventReport.input': 2000,
  'Mutation.eventAssign.input': 2000,
  'Mutation.eventResolve.input': 2000,
  'Mutation.eventClose.input': 2000,
  'Mutation.eventReopen.input': 2000,
  'Mutation.eventAddParticipant.input': 2000,
  // a steward's reason and corrected values: at most 500 characters (importer/quarantine.ts checks each)
  'Mutation.personQuarantineFix.input': 500,
  'Mutation.personQuarantineDrop.input': 500,
  'Mutation.legalEntityQuarantineFix.input': 500,
  'Mutation.legalEntityQuarantineDrop.input': 500,
  'Mutation.eventQuarantineFix.input': 500,
  'Mutation.eventQuarantineDrop.input': 500,
  'Mutation.caseQuarantineFix.input': 500,
  'Mutation.caseQuarantineDrop.input': 500,
  'Mutation.addressAliasRevoke.input': 500,

  // a legal entity's address text is up to 500 characters, a status change's note up to 2000
  'Mutation.legalEntityRegister.input': 500,
  'Mutation.legalEntityMoveBusinessAddress.input': 500,
  'Mutation.legalEntityUpdateStatus.input': 2000,
};

/** Arguments that carry a cursor: their faults are INVALID_CURSOR. */
const CURSOR_ARGUMENTS = new Set(['after', 'before']);

type Check = (value: unknown, path: string) => void;

/** A checker for values of `type`, or null when the type holds no free text. */
function checkerFor(type: GraphQLInputType, limit: number, cursor: boolean, inList: boolean, seen = new Set<unknown>()): Check | null {
  const kind = kindOf(type);
  if (kind === 'GraphQLNonNull') return checkerFor((type as { ofType: GraphQLInputType }).ofType, limit, cursor, inList, seen);
  if (kind === 'GraphQLList') {
    const item = checkerFor((type as { ofType: GraphQLInputType }).ofType, limit, cursor, true, seen);
    return item && ((value, path) => {
      if (Array.isArray(value)) value.forEach((v, i) => item(v, `${path}[${i}]`));
    });
  }
  if (kind === 'GraphQLInputObjectType') {
    if (seen.has(type)) return null;
    seen.add(type);
    const fields = Object.values((type as unknown as { getFields(): Record<string, { name: string; type: GraphQLInputType }> }).getFields())
      .map((f) => [f.name, checkerFor(f.type, limit, false, false, seen)] as const)
      .filter((entry): entry is readonly [string, Check] => entry[1] !== null);
    return fields.length === 0 ? null : (value, path) => {
      if (value === null || typeof value !== 'object') return;
      for (const [name, check] of fields) check((value as Record<string, unknown>)[name], `${path}.${name}`);
    };
  }
  const name = (type as { name: string }).name;
  if (name !== 'String' && name !== 'ID') return null;
  const code = cursor ? ErrorCode.INVALID_CURSOR : ErrorCode.BAD_USER_INPUT;
  // an id in a list is looked up on its own: a NUL one is simply not found
  const nulAllowed = name === 'ID' && inList;
  return (value, path) => {
    if (typeof value !== 'string') return;
    if (value.length > limit) {
      throw new GraphQLError(`"${path}" is ${value.length} characters long; it takes at most ${limit}`, {
        extensions: { code, argument: path, maxLength: limit },
      });
    }
    if (!nulAllowed && value.includes('\0')) {
      throw new GraphQLError(`"${path}" contains a NUL character, which no ${cursor ? 'cursor' : 'text'} holds`, {
        extensions: { code, argument: path },
      });
    }
  };
}

/** Wraps the resolver of every field with String/ID arguments so their values are checked first. */
export function limitArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const { typeName, field } of objectFields(schema)) {
    const checks = field.args
      .map((arg: GraphQLArgument) => {
        const limit = ARGUMENT_LIMITS[`${typeName}.${field.name}.${arg.name}`] ?? MAX_ARGUMENT_LENGTH;
        return [arg.name, checkerFor(arg.type, limit, CURSOR_ARGUMENTS.has(arg.name), false)] as const;
      })
      .filter((entry): entry is readonly [string, Check] => entry[1] !== null);
    if (checks.length === 0) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Record<string, unknown>, context, info) => {
      for (const [name, check] of checks) check(args[name], name);
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
