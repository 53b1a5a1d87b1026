/**
 * Where a mutation's address input lands (issue 11): a standard address code as given, or a free
 * text standardized on the way in, landing on the deepest level the standardizer is certain of.
 * One module for every mutation that takes an address: events' eventReport and cases' caseOpen
 * (a community or finer, inside the viewer's communities), entities' register and move (a
 * building or a room). Each caller says which levels it accepts; user errors are data
 * (lib/mutations.ts).
 */
import { levelOf, type AddressLevel } from '../lib/address-code.ts';
import { checkText, given, inputError, UserErrorCode, type UserError } from '../lib/mutations.ts';
import type { LoadedStandardizer } from './standardizer.ts';
import type { AddressMatch } from './types.ts';

/** Longest free-text address accepted. */
export const MAX_ADDRESS_TEXT = 500;

/** A community (12 characters) or finer: where events and cases are placed (their tables' CHECKs admit these). */
export const COMMUNITY_OR_FINER: readonly AddressLevel[] = ['COMMUNITY', 'GRID', 'BUILDING', 'ROOM'];
/** A building or a room: where a business operates or is registered. */
export const BUILDING_OR_ROOM: readonly AddressLevel[] = ['BUILDING', 'ROOM'];

/** Where an address input landed, as payloads report it (GraphQL `ReportedAddress`). */
export type ReportedAddress = {
  code: string | null;
  level: AddressLevel | null;
  confidence: number;
  candidates: { code: string; level: AddressLevel; fullName: string; score: number }[];
};

/** An address input: exactly one of a code and a free text. */
export type AddressInput = { code?: string | null; text?: string | null };

export type Placement =
  /** Placed at `address.code`; `text` is the free text it came from, trimmed (null for a code). */
  | { ok: true; address: ReportedAddress & { code: string; level: AddressLevel }; text: string | null }
  /** Not placed: `errors` say why; `address` is how far it got (a text's landing with candidates, or a code refused as out of scope), if anywhere. */
  | { ok: false; errors: UserError[]; address: ReportedAddress | null };

export type PlaceOptions = {
  /** Where the address sits in the input, for userErrors' `field` (default `['address']`). */
  path?: readonly string[];
  /** The levels accepted, coarsest first (COMMUNITY_OR_FINER, BUILDING_OR_ROOM). */
  levels: readonly AddressLevel[];
  /** Names the thing placed, for messages ("an event", "a business address"). */
  what: string;
  /** The address standardizer (over the buildings registry); null when this process has none. */
  standardizer: (() => Promise<LoadedStandardizer>) | null;
  /**
   * When given, a place outside these communities (null: anywhere) is refused as OUT_OF_SCOPE,
   * "outside the communities you may <verb> in". Leave it out to check later with `outOfScope`
   * (when other refusals, such as NOT_FOUND, must come first).
   */
  scope?: { communities: readonly string[] | null; verb: string };
  /**
   * The errors found so far in the rest of the input: when there are any, a text is checked
   * but not standardized and no scope is checked (place the address last to use this).
   */
  pending?: readonly UserError[];
};

function landing(match: AddressMatch): ReportedAddress {
  return {
    code: match.code,
    level: match.level,
    confidence: match.confidence,
    candidates: match.candidates.map((c) => ({ code: c.code, level: c.level, fullName: c.fullName, score: c.score })),
  };
}

const LENGTHS: Record<string, number> = { COMMUNITY: 12, GRID: 14, BUILDING: 19, ROOM: 25 };

/** "a community (12 characters) or finer", "a building (19 characters) or a room (25 characters)". */
function levelWords(levels: readonly AddressLevel[]): string {
  const words = (l: AddressLevel) => `a ${l.toLowerCase()} (${LENGTHS[l]} characters)`;
  return levels.at(-1) === 'ROOM' && levels.length === 4 ? `${words(levels[0])} or finer` : levels.map(words).join(' or ');
}

/**
 * OUT_OF_SCOPE at `path` when `code` lies outside `communities` (null: every community is in
 * scope), else null. `verb` says what the viewer does there ("report", "write").
 */
export function outOfScope(path: readonly string[], code: string, communities: readonly string[] | null, verb: string): UserError | null {
  if (communities === null || communities.includes(code.slice(0, 12))) return null;
  return inputError([...path], UserErrorCode.OUT_OF_SCOPE, `${code} lies outside the communities you may ${verb} in (${communities.join(', ')})`);
}

/**
 * Places an address input, accepting only `options.levels`. A code of another level is
 * INVALID_INPUT; a text that lands coarser than the coarsest level accepted, or nowhere, is
 * ADDRESS_NOT_PRECISE with how far it got; with `options.scope`, a place outside the viewer's
 * communities is OUT_OF_SCOPE.
 */
export async function placeAddress(input: AddressInput, options: PlaceOptions): Promise<Placement> {
  const { code, text } = input;
  const { path = ['address'], levels, what } = options;
  const accepted = new Set<string>(levels);
  const pending = (options.pending?.length ?? 0) > 0;
  const inScope = (address: ReportedAddress & { code: string; level: AddressLevel }, text: string | null): Placement => {
    const refusal = options.scope && !pending ? outOfScope(path, address.code, options.scope.communities, options.scope.verb) : null;
    return refusal ? { ok: false, errors: [refusal], address } : { ok: true, address, text };
  };
  if (given(code) === given(text)) return { ok: false, errors: [inputError([...path], UserErrorCode.INVALID_INPUT, `give exactly one of ${path.at(-1)}.code and ${path.at(-1)}.text`)], address: null };
  if (given(code)) {
    const level = levelOf(code);
    if (!level || !accepted.has(level)) {
      return { ok: false, address: null, errors: [inputError([...path, 'code'], UserErrorCode.INVALID_INPUT,
        `${what} is placed at ${levelWords(levels)}, not a ${level?.toLowerCase() ?? 'code of this length'}: ${code}`)] };
    }
    return inScope({ code, level, confidence: 1, candidates: [] }, null);
  }
  const errors: UserError[] = [];
  const trimmed = checkText(errors, [...path, 'text'], text, MAX_ADDRESS_TEXT, true);
  if (trimmed === null || errors.length || pending) return { ok: false, errors, address: null };
  if (!options.standardizer) throw new Error('this subgraph has no address standardizer (its buildings database is not configured)');
  const [match] = await (await options.standardizer()).standardize([trimmed]);
  const address = landing(match);
  if (match.code === null || match.level === null || !accepted.has(match.level)) {
    const where = match.code ? `only to ${match.level?.toLowerCase()} ${match.code}` : 'nowhere in the registry';
    return { ok: false, address, errors: [inputError([...path, 'text'], UserErrorCode.ADDRESS_NOT_PRECISE,
      `the address text could be placed ${where}; ${what} needs ${levelWords(levels)}: write the community, estate or road and building${match.candidates.length ? ', or give one of the candidates\' codes' : ''}`)] };
  }
  return inScope({ ...address, code: match.code, level: match.level }, trimmed);
}
