/**
 * Where a record written through a mutation lands (eventReport, caseOpen): an address given as a
 * standard code, or as free text standardized on the way in. The record lands on the deepest
 * level the standardizer is certain of, which must be a community or finer (the levels the
 * events and cases tables admit), inside the viewer's communities.
 */
import { levelOf, type AddressLevel } from '../lib/address-code.ts';
import { checkText, given, inputError, UserErrorCode, type UserError } from '../lib/mutations.ts';
import type { LoadedStandardizer } from './standardizer.ts';
import type { AddressMatch } from './types.ts';

/** Longest free-text address accepted. */
export const MAX_ADDRESS_TEXT = 500;

/** The levels a written record may be placed at: community (12 characters) or finer. */
const PLACEABLE = new Set<string>(['COMMUNITY', 'GRID', 'BUILDING', 'ROOM']);

/** Where an address landed, as the payload reports it (GraphQL `ReportedAddress`). */
export type ReportedAddress = {
  code: string | null;
  level: AddressLevel | null;
  confidence: number;
  candidates: { code: string; level: AddressLevel; fullName: string; score: number }[];
};

/** An address as a mutation's input gives it: exactly one of the two. */
export type AddressInput = { code?: string | null; text?: string | null };

export type Placement = {
  /** Where it landed (also when refused as not precise or out of scope); null when it was not placed. */
  address: ReportedAddress | null;
  /** The free text, trimmed, when the address was given as text. */
  text: string | null;
  /** ADDRESS_NOT_PRECISE or OUT_OF_SCOPE: the record must not be written. */
  refusal: UserError | null;
};

function landing(match: AddressMatch): ReportedAddress {
  return {
    code: match.code,
    level: match.level,
    confidence: match.confidence,
    candidates: match.candidates.map((c) => ({ code: c.code, level: c.level, fullName: c.fullName, score: c.score })),
  };
}

/**
 * Places `input` (at `input.address`), pushing malformed values onto `errors`. The text is
 * standardized only when nothing else in the input is wrong (`errors` is empty by then), so call
 * this after the other checks. `what` names the record in messages ("an event"), `verb` what
 * the viewer does there ("report").
 */
export async function placeAddress(
  errors: UserError[],
  input: AddressInput,
  options: {
    standardizer: (() => Promise<LoadedStandardizer>) | null;
    communities: readonly string[] | null;
    what: string;
    verb: string;
  },
): Promise<Placement> {
  const { code, text } = input;
  const placement: Placement = { address: null, text: null, refusal: null };
  if (given(code) === given(text)) {
    errors.push(inputError(['address'], UserErrorCode.INVALID_INPUT, 'give exactly one of address.code and address.text'));
    return placement;
  }
  if (given(code)) {
    const level = levelOf(code);
    if (!level || !PLACEABLE.has(level)) {
      errors.push(inputError(['address', 'code'], UserErrorCode.INVALID_INPUT, `${options.what} is placed at a community (12 characters) or finer, not a ${level?.toLowerCase() ?? 'code of this length'}: ${code}`));
      return placement;
    }
    placement.address = { code, level, confidence: 1, candidates: [] };
  } else {
    placement.text = checkText(errors, ['address', 'text'], text, MAX_ADDRESS_TEXT, true);
    if (placement.text === null || errors.length > 0) return placement;
    if (!options.standardizer) throw new Error('this subgraph has no address standardizer (its buildings database is not configured)');
    const [match] = await (await options.standardizer()).standardize([placement.text]);
    placement.address = landing(match);
    if (match.code === null || match.level === null || !PLACEABLE.has(match.level)) {
      const where = match.code ? `only to ${match.level?.toLowerCase()} ${match.code}` : 'nowhere in the registry';
      placement.refusal = inputError(['address', 'text'], UserErrorCode.ADDRESS_NOT_PRECISE,
        `the address text could be placed ${where}; ${options.what} needs a community or finer: write the community, estate or road and building${match.candidates.length ? ', or give one of the candidates\' codes' : ''}`);
      return placement;
    }
  }
  const communities = options.communities;
  const placed = placement.address.code!;
  if (errors.length === 0 && communities !== null && !communities.includes(placed.slice(0, 12))) {
    placement.refusal = inputError(['address'], UserErrorCode.OUT_OF_SCOPE, `${placed} lies outside the communities you may ${options.verb} in (${communities.join(', ')})`);
  }
  return placement;
}
