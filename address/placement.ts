/**
 * Where a mutation's address input lands (issue 11): a standard address code as given, or a free
 * text standardized on the way in, landing on the deepest level the standardizer is certain of.
 * Shared by the mutations that take an address (events' eventReport, entities' register and
 * move); each says which levels it accepts. User errors are data (lib/mutations.ts).
 */
import { levelOf, type AddressLevel } from '../lib/address-code.ts';
import { checkText, given, inputError, UserErrorCode, type UserError } from '../lib/mutations.ts';
import type { LoadedStandardizer } from './standardizer.ts';
import type { AddressMatch } from './types.ts';

/** Longest free-text address accepted. */
export const MAX_ADDRESS_TEXT = 500;

/** Where an address input landed, as payloads report it. */
export type PlacedAddress = {
  code: string | null;
  level: AddressLevel | null;
  confidence: number;
  candidates: { code: string; level: AddressLevel; fullName: string; score: number }[];
};

/** An address input: exactly one of a code and a free text. */
export type AddressInput = { code?: string | null; text?: string | null };

export type Placement =
  /** Placed at `address.code`; `text` is the free text it came from (null for a code). */
  | { ok: true; address: PlacedAddress & { code: string; level: AddressLevel }; text: string | null }
  /** Not placed: `errors` say why; `address` is how far a text got (with candidates), if it got anywhere. */
  | { ok: false; errors: UserError[]; address: PlacedAddress | null };

function landing(match: AddressMatch): PlacedAddress {
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
 * Places an address input at `path` (from `input`), accepting only the `levels` given (coarsest
 * first). A code of another level is INVALID_INPUT; a text that lands coarser than the
 * coarsest level accepted, or nowhere, is ADDRESS_NOT_PRECISE with how far it got.
 * `what` names the thing placed, for messages ("an event").
 */
export async function placeAddress(
  input: AddressInput,
  path: readonly string[],
  levels: readonly AddressLevel[],
  what: string,
  standardizer: (() => Promise<LoadedStandardizer>) | null,
): Promise<Placement> {
  const { code, text } = input;
  const accepted = new Set<string>(levels);
  const errors: UserError[] = [];
  if (given(code) === given(text)) return { ok: false, errors: [inputError([...path], UserErrorCode.INVALID_INPUT, `give exactly one of ${path.at(-1)}.code and ${path.at(-1)}.text`)], address: null };
  if (given(code)) {
    const level = levelOf(code);
    if (!level || !accepted.has(level)) {
      return { ok: false, address: null, errors: [inputError([...path, 'code'], UserErrorCode.INVALID_INPUT,
        `${what} is placed at ${levelWords(levels)}, not a ${level?.toLowerCase() ?? 'code of this length'}: ${code}`)] };
    }
    return { ok: true, address: { code, level, confidence: 1, candidates: [] }, text: null };
  }
  const trimmed = checkText(errors, [...path, 'text'], text, MAX_ADDRESS_TEXT, true);
  if (trimmed === null || errors.length) return { ok: false, errors, address: null };
  if (!standardizer) throw new Error('this subgraph has no address standardizer (its buildings database is not configured)');
  const [match] = await (await standardizer()).standardize([trimmed]);
  const address = landing(match);
  if (match.code === null || match.level === null || !accepted.has(match.level)) {
    const where = match.code ? `only to ${match.level?.toLowerCase()} ${match.code}` : 'nowhere in the registry';
    return { ok: false, address, errors: [inputError([...path, 'text'], UserErrorCode.ADDRESS_NOT_PRECISE,
      `the address text could be placed ${where}; ${what} needs ${levelWords(levels)}: write the community, estate or road and building${match.candidates.length ? ', or use one of the candidates\' codes' : ''}`)] };
  }
  return { ok: true, address: { ...address, code: match.code, level: match.level }, text: trimmed };
}
