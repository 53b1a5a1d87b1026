/**
 * Typed factories for the entities subgraph's table. Every call inserts an entity with a fresh
 * random credit code; address codes come from the people factories' fresh made-up buildings.
 */
import { randomInt } from 'node:crypto';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, organizationCodeCheckChar } from '../../lib/check-digits.ts';
import type { Database } from '../../lib/db.ts';
import type { LegalEntityRow } from '../../subgraphs/entities/repository.ts';

export { FACTORY_GRID, freshBuildingCode, roomIn } from './people-factories.ts';

function randomChars(n: number, charset: string): string {
  let out = '';
  for (let i = 0; i < n; i++) out += charset[randomInt(charset.length)];
  return out;
}

/**
 * A valid unified social credit code nobody else uses: 91 (enterprise) + 440304 (福田) + a random
 * organization code with its GB 11714 check + the GB 32100 check character.
 */
export function freshCreditCode(): string {
  const org8 = randomChars(8, CREDIT_CODE_CHARSET);
  const body = '91440304' + org8 + organizationCodeCheckChar(org8);
  return body + creditCodeCheckChar(body);
}

/** Inserts a legal entity; unspecified fields get fresh values (no addresses, no representative). */
export async function insertLegalEntity(db: Database, overrides: Partial<Omit<LegalEntityRow, 'updatedAt' | 'version'>> = {}): Promise<LegalEntityRow> {
  const entity: Omit<LegalEntityRow, 'updatedAt' | 'version'> = {
    creditCode: freshCreditCode(),
    name: `测试科技有限公司${randomChars(4, '0123456789')}`,
    kind: 'COMPANY',
    industry: '软件和信息技术服务业',
    status: 'ACTIVE',
    registeredOn: '2018-06-01',
    registeredAddressCode: null,
    businessAddressCode: null,
    legalRepPersonId: null,
    ...overrides,
  };
  const inserted: { updated_at: Date; version: number }[] = await db.knex('entities.legal_entity').returning(['updated_at', 'version']).insert({
    credit_code: entity.creditCode,
    name: entity.name,
    kind: entity.kind,
    industry: entity.industry,
    status: entity.status,
    registered_on: entity.registeredOn,
    registered_address_code: entity.registeredAddressCode,
    business_address_code: entity.businessAddressCode,
    legal_rep_person_id: entity.legalRepPersonId,
  });
  return { ...entity, updatedAt: inserted[0].updated_at, version: inserted[0].version };
}
