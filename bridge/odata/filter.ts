/**
 * `$filter`, parsed by @odata/parser and split in two:
 *
 * - terms AND-ed at the top that match a view Filter (its column and op) become GraphQL variables
 *   (validated by bridge/params.ts filterValue): `updatedAt ge <instant>` -> updatedSince,
 *   `kind eq 'A' or kind eq 'B'` (or `kind in ('A','B')`) -> a kind list,
 *   `startswith(address_code,'<a valid code>')` -> under;
 * - everything else is a residual predicate, evaluated on each row the graph returns.
 *
 * Unknown properties and ill-typed comparisons are 400; valid OData this module does not evaluate
 * (arithmetic, lambdas, most functions) is 501 naming it.
 */
import pkg from '@odata/parser';
import { filterValue } from '../params.ts';
import { BridgeError } from '../problem.ts';
import type { Filter } from '../registry.ts';
import { badRequest, notImplemented } from './errors.ts';
import { propertyName, type EntitySet, type Property } from './model.ts';

const { defaultParser } = pkg;

/** One node of @odata/parser's AST. */
type Node = { type: string; value: any; raw: string };

export type Entity = Record<string, unknown>;

export type CompiledFilter = {
  /** Operation variables the pushed-down terms set. */
  variables: Record<string, unknown>;
  /** The rest of the filter, evaluated per row; null when everything was pushed down. */
  residual: ((entity: Entity) => boolean) | null;
  /** The raw text of the pushed-down terms and of the residual ones (for logs and tests). */
  pushed: string[];
  residualTerms: string[];
};

const TARGET = '$filter';

/**
 * Rewrites `prop in (v1, v2)` (OData 4.01) as `(prop eq v1 or prop eq v2)`, which the parser reads
 * (it predates `in`). String literals are skipped over, so text inside quotes is never rewritten.
 */
export function rewriteIn(text: string): string {
  let out = '';
  let i = 0;
  const head = /([A-Za-z_][A-Za-z0-9_]*)\s+in\s*\(/y;
  while (i < text.length) {
    if (text[i] === "'") {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    head.lastIndex = i;
    const m = (i === 0 || !/[A-Za-z0-9_]/.test(text[i - 1])) ? head.exec(text) : null;
    if (!m) {
      out += text[i++];
      continue;
    }
    let j = head.lastIndex;
    const items: string[] = [];
    for (;;) {
      while (text[j] === ' ') j++;
      let end: number;
      if (text[j] === "'") end = stringEnd(text, j);
      else {
        end = j;
        while (end < text.length && !/[,) ]/.test(text[end])) end++;
      }
      const item = text.slice(j, end);
      if (!item) throw badRequest(`$filter: "${m[1]} in (...)" needs a list of values`, TARGET);
      items.push(item);
      j = end;
      while (text[j] === ' ') j++;
      if (text[j] === ',') {
        j++;
        continue;
      }
      if (text[j] === ')') {
        j++;
        break;
      }
      throw badRequest(`$filter: "${m[1]} in (...)" is not closed`, TARGET);
    }
    out += `(${items.map((v) => `${m[1]} eq ${v}`).join(' or ')})`;
    i = j;
  }
  return out;
}

/** Index just past the string literal opening at `start` ('' is an escaped quote). */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = text.indexOf("'", j);
    if (q < 0) throw badRequest(`$filter: a string literal is not closed: ${text.slice(start)}`, TARGET);
    if (text[q + 1] === "'") {
      j = q + 2;
      continue;
    }
    return q + 1;
  }
}

function parse(text: string): Node {
  try {
    return withNotPrecedence(defaultParser.filter(rewriteIn(text)) as Node);
  } catch (error) {
    if (error instanceof BridgeError) throw error;
    throw badRequest(`$filter is not valid OData: ${(error as Error).message} in "${text}"`, TARGET);
  }
}

/**
 * The parser reads `not A and B` as `not (A and B)` (it follows the ABNF, where `not` takes a
 * whole boolCommonExpr), but OData's precedence binds `not` tighter than `and` and `or`: the `not`
 * of an unparenthesized and/or chain is moved onto its first operand, so `not A and B or C` is
 * `((not A) and B) or C`. A `not (...)` written with parentheses is left as it is.
 */
export function withNotPrecedence(node: Node): Node {
  if (!node || typeof node !== 'object') return node;
  if (node.type === 'AndExpression' || node.type === 'OrExpression') {
    const left = withNotPrecedence(node.value.left);
    const right = withNotPrecedence(node.value.right);
    return { ...node, value: { left, right } };
  }
  if (node.type === 'BoolParenExpression' || node.type === 'ParenExpression' || node.type === 'CommonExpression') {
    return node.value && typeof node.value === 'object' && 'type' in node.value ? { ...node, value: withNotPrecedence(node.value as Node) } : node;
  }
  if (node.type === 'NotExpression') {
    const inner = node.value as Node;
    if (inner.type === 'AndExpression' || inner.type === 'OrExpression') {
      const first = withNotPrecedence({ type: 'NotExpression', value: inner.value.left, raw: `not ${inner.value.left.raw}` });
      const rest = withNotPrecedence(inner.value.right);
      return { type: inner.type, value: { left: first, right: rest }, raw: node.raw };
    }
    return { ...node, value: withNotPrecedence(inner) };
  }
  return node;
}

/** The operands of a binary node, without the parentheses around them. */
function unparen(node: Node): Node {
  while ((node.type === 'BoolParenExpression' || node.type === 'ParenExpression' || node.type === 'CommonExpression') && node.value && typeof node.value === 'object' && 'type' in node.value) node = node.value as Node;
  return node;
}

/** The top-level AND-ed terms. */
function conjuncts(node: Node): Node[] {
  node = unparen(node);
  if (node.type === 'AndExpression') return [...conjuncts(node.value.left), ...conjuncts(node.value.right)];
  return [node];
}

function disjuncts(node: Node): Node[] {
  node = unparen(node);
  if (node.type === 'OrExpression') return [...disjuncts(node.value.left), ...disjuncts(node.value.right)];
  return [node];
}

// --- literals and properties ---------------------------------------------------------------

type Kind = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'null';

type Literal = { kind: Kind; value: unknown; raw: string; edm: string };

const NUMERIC = new Set(['Edm.SByte', 'Edm.Byte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Decimal', 'Edm.Double', 'Edm.Single']);

function literalOf(node: Node): Literal {
  const edm = String(node.value);
  const raw = node.raw;
  if (edm === 'null') return { kind: 'null', value: null, raw, edm };
  if (edm === 'Edm.String') return { kind: 'string', value: raw.slice(1, -1).replace(/''/g, "'"), raw, edm };
  if (edm === 'Edm.Boolean') return { kind: 'boolean', value: raw.toLowerCase() === 'true', raw, edm };
  if (edm === 'Edm.Date') return { kind: 'date', value: raw, raw, edm };
  if (edm === 'Edm.DateTimeOffset') {
    const micros = instantMicros(raw);
    if (Number.isNaN(micros)) throw badRequest(`$filter: ${raw} is not a valid date-time`, TARGET);
    return { kind: 'datetime', value: micros, raw, edm };
  }
  if (NUMERIC.has(edm)) return { kind: 'number', value: Number(raw), raw, edm };
  throw notImplemented(`$filter: literals of type ${edm} (${raw}) are not supported; use strings, numbers, booleans, dates and date-times with an offset`, TARGET);
}

/**
 * An instant as microseconds since the epoch (the graph's timestamps keep microseconds, which
 * Date.parse would cut to milliseconds, making `gt` wrong within a millisecond); NaN if invalid.
 */
export function instantMicros(text: string): number {
  const m = /^(.*T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!m) return Number.NaN;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  return ms * 1000 + Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
}

const KIND_OF_EDM: Record<string, Kind> = {
  'Edm.String': 'string',
  'Edm.Int32': 'number',
  'Edm.Int64': 'number',
  'Edm.Double': 'number',
  'Edm.Boolean': 'boolean',
  'Edm.Date': 'date',
  'Edm.DateTimeOffset': 'datetime',
};

/** The property a node names, or null when it is not a plain property path. */
function propertyOf(set: EntitySet, node: Node): Property | null {
  node = unparen(node);
  if (node.type !== 'FirstMemberExpression') return null;
  const name = node.raw;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw notImplemented(`$filter: "${name}" is a path; only the properties of ${set.view.entitySet} can be filtered on (they are flat)`, TARGET);
  }
  const property = set.byName.get(name);
  if (!property) throw unknownProperty(set, name, TARGET);
  return property;
}

/** 400 for a property the set does not have, listing the ones it has. */
export function unknownProperty(set: EntitySet, name: string, target: string): BridgeError {
  return badRequest(`${target}: ${set.view.entitySet} has no property "${name}"; it has ${set.properties.map((p) => p.name).join(', ')}`, target);
}

// --- pushdown ------------------------------------------------------------------------------

const COMPARISON: Record<string, 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'> = {
  EqualsExpression: 'eq',
  NotEqualsExpression: 'ne',
  GreaterThanExpression: 'gt',
  GreaterOrEqualsExpression: 'ge',
  LesserThanExpression: 'lt',
  LesserOrEqualsExpression: 'le',
};
const FLIPPED = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' } as const;

/** `property op literal` (either way round), or null. */
function comparisonOf(set: EntitySet, node: Node): { property: Property; op: keyof typeof FLIPPED; literal: Literal } | null {
  node = unparen(node);
  const op = COMPARISON[node.type];
  if (!op) return null;
  const left = unparen(node.value.left);
  const right = unparen(node.value.right);
  if (right.type === 'Literal') {
    const property = propertyOf(set, left);
    return property ? { property, op, literal: literalOf(right) } : null;
  }
  if (left.type === 'Literal') {
    const property = propertyOf(set, right);
    return property ? { property, op: FLIPPED[op], literal: literalOf(left) } : null;
  }
  return null;
}

/** The literal kind a filter's value must come as. */
const LITERAL_FOR: Record<Filter['type'], Kind> = { datetime: 'datetime', date: 'date', code: 'string', 'enum-list': 'string', boolean: 'boolean' };

function filtersOn(set: EntitySet, property: Property): Filter[] {
  return set.view.filters.filter((f) => f.column !== undefined && propertyName(f.column) === property.name);
}

/**
 * The variable assignment a term pushes down as, or null when it is residual. `exact: false` is a
 * superset (`gt` as `ge`, `le` as `lt` the next instant or day): the term is then also evaluated on
 * the rows, and the graph still returns far fewer of them.
 */
function pushdownOf(set: EntitySet, term: Node): { filter: Filter; value: unknown; exact: boolean } | null {
  const node = unparen(term);
  const comparison = comparisonOf(set, node);
  if (comparison) {
    const { property, op, literal } = comparison;
    for (const filter of filtersOn(set, property)) {
      if (literal.kind !== LITERAL_FOR[filter.type]) continue;
      const raw = literal.kind === 'string' ? String(literal.value) : literal.raw;
      if ((filter.op === 'ge' && op === 'ge') || (filter.op === 'lt' && op === 'lt') || (filter.op === 'eq' && op === 'eq')) {
        return { filter, value: valueOf(filter, raw), exact: true };
      }
      if (filter.op === 'in' && op === 'eq') return { filter, value: valueOf(filter, raw), exact: true };
      if (filter.op === 'ge' && op === 'gt') return { filter, value: valueOf(filter, raw), exact: false };
      if (filter.op === 'lt' && op === 'le') {
        const value = valueOf(filter, raw);
        const next = filter.type === 'date'
          ? new Date(Date.parse(`${String(value)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
          : new Date(Date.parse(String(value)) + 1).toISOString();
        return { filter, value: next, exact: false };
      }
    }
    return null;
  }
  if (node.type === 'OrExpression') {
    const terms = disjuncts(node).map((t) => comparisonOf(set, t));
    if (terms.some((t) => !t || t.op !== 'eq' || t.literal.kind !== 'string')) return null;
    const property = terms[0]!.property;
    if (terms.some((t) => t!.property !== property)) return null;
    const filter = filtersOn(set, property).find((f) => f.op === 'in' && f.type === 'enum-list');
    if (!filter) return null;
    const values = [...new Set(terms.map((t) => String(t!.literal.value)))];
    return { filter, value: valueOf(filter, values.join(',')), exact: true };
  }
  if (node.type === 'MethodCallExpression' && node.value.method === 'startswith') {
    const [first, second] = (node.value.parameters as Node[]).map(unparen);
    if (!first || !second || second.type !== 'Literal') return null;
    const property = propertyOf(set, first);
    const literal = literalOf(second);
    if (!property || literal.kind !== 'string') return null;
    const filter = filtersOn(set, property).find((f) => f.op === 'under' && f.type === 'code');
    if (!filter) return null;
    try {
      const code = filterValue(filter, String(literal.value));
      // only a whole, canonical code is "under" it; any other prefix is matched on the rows
      return code === literal.value ? { filter, value: code, exact: true } : null;
    } catch {
      return null;
    }
  }
  return null;
}

function valueOf(filter: Filter, raw: string): unknown {
  try {
    return filterValue(filter, raw);
  } catch (error) {
    if (error instanceof BridgeError) throw badRequest(`$filter: ${error.problem.detail}`, TARGET);
    throw error;
  }
}

// --- residual evaluation -------------------------------------------------------------------

type Operand = { kind: Kind; get: (e: Entity) => unknown; label: string };

function operandOf(set: EntitySet, node: Node): Operand {
  node = unparen(node);
  if (node.type === 'Literal') {
    const literal = literalOf(node);
    return { kind: literal.kind, get: () => literal.value, label: literal.raw };
  }
  if (node.type === 'FirstMemberExpression') {
    const property = propertyOf(set, node)!;
    const kind = KIND_OF_EDM[property.edm];
    const name = property.name;
    if (kind === 'datetime') {
      return { kind, label: name, get: (e) => (e[name] === null || e[name] === undefined ? null : instantMicros(String(e[name]))) };
    }
    return { kind, label: name, get: (e) => e[name] ?? null };
  }
  if (node.type === 'MethodCallExpression') {
    const method = String(node.value.method);
    const args = (node.value.parameters as Node[]).map((p) => operandOf(set, p));
    const unary = (kind: Kind, f: (s: string) => unknown): Operand => {
      expectArgs(method, args, ['string']);
      return { kind, label: node.raw, get: (e) => { const v = args[0].get(e); return v === null ? null : f(String(v)); } };
    };
    switch (method) {
      case 'tolower':
        return unary('string', (s) => s.toLowerCase());
      case 'toupper':
        return unary('string', (s) => s.toUpperCase());
      case 'trim':
        return unary('string', (s) => s.trim());
      case 'length':
        return unary('number', (s) => [...s].length);
      case 'startswith':
      case 'endswith':
      case 'contains': {
        expectArgs(method, args, ['string', 'string']);
        const test = method === 'startswith' ? (a: string, b: string) => a.startsWith(b) : method === 'endswith' ? (a: string, b: string) => a.endsWith(b) : (a: string, b: string) => a.includes(b);
        return { kind: 'boolean', label: node.raw, get: (e) => { const a = args[0].get(e); const b = args[1].get(e); return a === null || b === null ? false : test(String(a), String(b)); } };
      }
      default:
        throw notImplemented(`$filter: the function ${method}() is not supported; supported are startswith, endswith, contains, tolower, toupper, trim and length`, TARGET);
    }
  }
  const bool = booleanOf(set, node);
  return { kind: 'boolean', label: node.raw, get: bool };
}

function expectArgs(method: string, args: Operand[], kinds: Kind[]): void {
  if (args.length !== kinds.length) throw badRequest(`$filter: ${method}() takes ${kinds.length} argument(s); got ${args.length}`, TARGET);
  args.forEach((a, i) => {
    if (a.kind !== kinds[i] && a.kind !== 'null') throw badRequest(`$filter: argument ${i + 1} of ${method}() must be a string; ${a.label} is not`, TARGET);
  });
}

const OPERATOR_NAMES: Record<string, string> = {
  AddExpression: 'add',
  SubExpression: 'sub',
  MulExpression: 'mul',
  DivExpression: 'div',
  ModExpression: 'mod',
  HasExpression: 'has',
  NegateExpression: 'negation (-)',
  AnyExpression: 'any()',
  AllExpression: 'all()',
  IsOfExpression: 'isof()',
  CastExpression: 'cast()',
};

function compare(op: keyof typeof FLIPPED, a: unknown, b: unknown): boolean {
  if (a === null || b === null) {
    if (op === 'eq') return a === b;
    if (op === 'ne') return a !== b;
    return false;
  }
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return (a as number) > (b as number);
    case 'ge':
      return (a as number) >= (b as number);
    case 'lt':
      return (a as number) < (b as number);
    case 'le':
      return (a as number) <= (b as number);
  }
}

function booleanOf(set: EntitySet, node: Node): (e: Entity) => boolean {
  node = unparen(node);
  switch (node.type) {
    case 'AndExpression': {
      const l = booleanOf(set, node.value.left);
      const r = booleanOf(set, node.value.right);
      return (e) => l(e) && r(e);
    }
    case 'OrExpression': {
      const l = booleanOf(set, node.value.left);
      const r = booleanOf(set, node.value.right);
      return (e) => l(e) || r(e);
    }
    case 'NotExpression': {
      const inner = booleanOf(set, node.value);
      return (e) => !inner(e);
    }
    case 'MethodCallExpression':
    case 'FirstMemberExpression': {
      const operand = operandOf(set, node);
      if (operand.kind !== 'boolean') throw badRequest(`$filter: ${node.raw} is not true or false`, TARGET);
      return (e) => operand.get(e) === true;
    }
    case 'Literal': {
      const literal = literalOf(node);
      if (literal.kind !== 'boolean') throw badRequest(`$filter: ${node.raw} is not true or false`, TARGET);
      return () => literal.value === true;
    }
  }
  const op = COMPARISON[node.type];
  if (op) {
    const a = operandOf(set, node.value.left);
    const b = operandOf(set, node.value.right);
    if (a.kind !== b.kind && a.kind !== 'null' && b.kind !== 'null') {
      throw badRequest(`$filter: ${a.label} (${a.kind}) cannot be compared with ${b.label} (${b.kind})`, TARGET);
    }
    if ((a.kind === 'boolean' || b.kind === 'boolean') && op !== 'eq' && op !== 'ne') throw badRequest(`$filter: booleans are compared with eq and ne only (${node.raw})`, TARGET);
    return (e) => compare(op, a.get(e), b.get(e));
  }
  const name = OPERATOR_NAMES[node.type];
  throw notImplemented(`$filter: ${name ? `the ${name} operator` : node.type} is not supported (in "${node.raw}"); supported are eq ne gt ge lt le and or not in, startswith, endswith, contains, tolower, toupper, trim, length`, TARGET);
}

/**
 * Compiles `$filter` for a set: the pushed-down variables and the residual predicate. Every term is
 * checked (unknown property 400, unsupported 501) whether it is pushed down or not.
 */
export function compileFilter(set: EntitySet, text: string | null): CompiledFilter {
  const compiled: CompiledFilter = { variables: {}, residual: null, pushed: [], residualTerms: [] };
  if (text === null || text.trim() === '') return compiled;
  const tree = parse(text);
  booleanOf(set, tree); // validates the whole expression
  const residual: ((e: Entity) => boolean)[] = [];
  const terms = conjuncts(tree).map((term) => ({ term, push: pushdownOf(set, term), done: false }));
  // exact terms take their variable first; a superset term only where no exact one did
  for (const exact of [true, false]) {
    for (const t of terms) {
      if (!t.push || t.push.exact !== exact || compiled.variables[t.push.filter.variable] !== undefined) continue;
      compiled.variables[t.push.filter.variable] = t.push.value;
      compiled.pushed.push(t.term.raw);
      t.done = exact; // a superset is evaluated on the rows too
    }
  }
  for (const t of terms) {
    if (t.done) continue;
    residual.push(booleanOf(set, t.term));
    compiled.residualTerms.push(t.term.raw);
  }
  if (residual.length > 0) compiled.residual = (e) => residual.every((r) => r(e));
  return compiled;
}
