/**
 * The address standardizer's contract: component names and shapes shared by the parser, the
 * matcher, the GraphQL API (AddressMatch) and the CLIs (`npm run address`, `npm run import`).
 */

/** Component names in address order, province first. */
export const COMPONENT_NAMES = [
  'province', 'city', 'district', 'subdistrict', 'community', 'road', 'doorNumber', 'estate', 'building', 'unit', 'floor', 'room',
] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/**
 * Parsed components, normalized (simplified characters, half-width, Arabic digits where the
 * component is a number). A component that was not written is absent, never guessed.
 *
 * - province, city: 广东省, 深圳市
 * - district, subdistrict, community: official names (福田区, 福田街道, 水围社区)
 * - road: as written (深南大道, 福华三路, 石厦北二街西)
 * - doorNumber: 1006 for 深南大道1006号
 * - estate: as written (水围村, 天安数码城创新科技广场一期)
 * - building: designation without its marker (28, A, 东区2, 7坊16)
 * - unit: 2, B
 * - floor: 12; only when written
 * - room: as written (1203, not floor 12 room 03)
 */
export type AddressComponents = Partial<Record<ComponentName, string>>;

export type ParsedAddress = {
  /** The input as given. */
  text: string;
  /** Cleaned text: NFKC, simplified characters, Arabic numerals where they are numbers, no spaces or punctuation. */
  normalized: string;
  components: AddressComponents;
  /** Text the parser could not place in any component (empty when everything was understood). */
  unparsed: string[];
};

export type MatchLevel = 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY' | 'BUILDING' | 'ROOM';

/** How one component fared against the registry. */
export type ReasonStatus =
  /** Agrees with the matched address. */
  | 'MATCHED'
  /** Agrees after a correction (alias, former name, a one-character typo). */
  | 'CORRECTED'
  /** Not written, so it could not help. */
  | 'MISSING'
  /** Written, but contradicts the matched address or another component. */
  | 'CONFLICT'
  /** Written and known, but fits more than one address. */
  | 'AMBIGUOUS'
  /** Written, but nothing in the registry has it. */
  | 'NOT_FOUND';

export type MatchReason = { component: ComponentName | 'text'; status: ReasonStatus; message: string };

export type MatchCandidate = { code: string; level: MatchLevel; fullName: string; score: number };

export type AddressMatch = ParsedAddress & {
  /** The most specific code that is certain; null when not even the district is certain. */
  code: string | null;
  level: MatchLevel | null;
  /** 0 to 1: how sure the matcher is that `code` is right. */
  confidence: number;
  reasons: MatchReason[];
  /** When the match stops above the written precision: ranked finer addresses it could be. */
  candidates: MatchCandidate[];
};

/**
 * Parses and matches addresses against the buildings registry. Implemented by
 * `createStandardizer(buildingsDb)` in address/standardizer.ts; callers batch (up to a few
 * thousand texts per call) so registry lookups are one statement per batch.
 */
export type Standardizer = {
  /** One result per text, in input order. Never throws for bad text: it comes back unmatched with reasons. */
  standardize(texts: readonly string[]): Promise<AddressMatch[]>;
};
