/**
 * Registry rows for import tests: a made-up estate with buildings and rooms under the made-up
 * district 449900, so addresses the importer links never touch seeded roll-ups (and the
 * standardizer tests, which look only below '4499', never see them). Names are random, so every
 * call is a place of its own, and the texts a department would write for it are given.
 */
import { randomInt } from 'node:crypto';
import type { Database } from '../../lib/db.ts';

const DISTRICT = '449900';
/** Characters no seeded name uses and the address parser reads as nothing but name text. */
const NAME_CHARS = '琥珀翡翠玳瑁璎珞琉璃玛瑙砗磲琅玕';

function randomName(length = 4): string {
  let out = '';
  for (let i = 0; i < length; i++) out += NAME_CHARS[randomInt(NAME_CHARS.length)];
  return out;
}

function randomDigits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(randomInt(10));
  return out;
}

export type TestDivision = { code: string; name: string };
export type TestRoom = { code: string; roomNo: string };
export type TestBuilding = { code: string; buildingNo: string; doorNumber: string; rooms: TestRoom[] };

/** An estate of a fresh community, and the texts that name its addresses. */
export type TestEstate = {
  subdistrict: TestDivision;
  community: TestDivision;
  road: string;
  estate: string;
  buildings: TestBuilding[];
  /** 街道 + 社区 + road, door, estate, building and room, as a department writes it (no district: the registry's only real one is 福田区). */
  roomText(building: TestBuilding, room: TestRoom): string;
  buildingText(building: TestBuilding): string;
  /** The community alone: links at COMMUNITY level. */
  communityText(): string;
};

export type EstateOptions = {
  /** Reuse a name, to make an estate ambiguous across communities. */
  estate?: string;
  buildingNos?: string[];
  roomNos?: string[];
};

type AddressInsert = {
  code: string;
  level: 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY' | 'GRID' | 'BUILDING' | 'ROOM';
  parent_code: string | null;
  name: string;
  full_name: string;
  search_text: string;
  road?: string;
  door_number?: string;
  estate?: string;
  building_no?: string;
  building_type?: string;
  floors_above?: number;
  floor?: number;
  room_no?: string;
  room_use?: string;
};

const DISTRICT_FULL = '广东省深圳市试验区';

/**
 * A subdistrict of the test district 449900 of the caller's own, inserted into buildings.address
 * (with the shared district row). 3 random digits collide now and then between test files running
 * at once, so the code is claimed first (ON CONFLICT DO NOTHING) and drawn again when taken: no
 * other test's estate lands beneath it.
 */
export async function claimTestSubdistrict(buildings: Database): Promise<TestDivision> {
  await buildings.knex.raw(
    `INSERT INTO buildings.address (code, level, parent_code, name, full_name, search_text)
     VALUES (?, 'DISTRICT', NULL, '试验区', ?, '试验区') ON CONFLICT (code) DO NOTHING`,
    [DISTRICT, DISTRICT_FULL],
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = { code: DISTRICT + randomDigits(3), name: `${randomName(3)}街道` };
    const claimed = await buildings.knex.raw(
      `INSERT INTO buildings.address (code, level, parent_code, name, full_name, search_text)
       VALUES (?, 'SUBDISTRICT', ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [candidate.code, DISTRICT, candidate.name, `${DISTRICT_FULL}${candidate.name}`, candidate.name],
    );
    if ((claimed.rows ?? claimed).length === 1) return candidate;
  }
  throw new Error('no free test subdistrict code under 449900: drop the test database');
}

/**
 * Inserts a fresh subdistrict, community, grid, and an estate of buildings (default 1 and 2) with
 * rooms (default 101, 102, 201) into buildings.address. The district row 449900 is shared.
 */
export async function insertTestEstate(buildings: Database, options: EstateOptions = {}): Promise<TestEstate> {
  const subdistrict = await claimTestSubdistrict(buildings);
  const community = { code: subdistrict.code + randomDigits(3), name: `${randomName(3)}社区` };
  const grid = `${community.code}01`;
  const estate = options.estate ?? `${randomName()}苑`;
  const road = `${randomName()}路`;
  const communityFull = `${DISTRICT_FULL}${subdistrict.name}${community.name}`;
  const rows: AddressInsert[] = [
    { code: community.code, level: 'COMMUNITY', parent_code: subdistrict.code, name: community.name, full_name: communityFull, search_text: community.name },
    { code: grid, level: 'GRID', parent_code: community.code, name: '第01网格', full_name: `${communityFull}第01网格`, search_text: '第01网格' },
  ];
  const built: TestBuilding[] = [];
  (options.buildingNos ?? ['1', '2']).forEach((buildingNo, i) => {
    const code = `${grid}${String(i + 1).padStart(5, '0')}`;
    const doorNumber = String(10 + 2 * i);
    const name = `${buildingNo}栋`;
    const fullName = `${communityFull}${road}${doorNumber}号${estate}${name}`;
    rows.push({
      code, level: 'BUILDING', parent_code: grid, name, full_name: fullName, search_text: fullName,
      road, door_number: doorNumber, estate, building_no: buildingNo, building_type: 'RESIDENTIAL_ESTATE', floors_above: 9,
    });
    const rooms: TestRoom[] = [];
    for (const roomNo of options.roomNos ?? ['101', '102', '201']) {
      const floor = Number(roomNo.slice(0, -2));
      const roomCode = `${code}${String(floor).padStart(3, '0')}${roomNo.slice(-2).padStart(3, '0')}`;
      rows.push({
        code: roomCode, level: 'ROOM', parent_code: code, name: `${roomNo}房`, full_name: `${fullName}${roomNo}房`,
        search_text: `${fullName}${roomNo}房`, floor, room_no: roomNo, room_use: 'RESIDENTIAL',
      });
      rooms.push({ code: roomCode, roomNo });
    }
    built.push({ code, buildingNo, doorNumber, rooms });
  });
  await buildings.knex('buildings.address').insert(rows);
  const prefix = `${subdistrict.name}${community.name}`;
  return {
    subdistrict,
    community,
    road,
    estate,
    buildings: built,
    roomText: (b, r) => `${prefix}${road}${b.doorNumber}号${estate}${b.buildingNo}栋${r.roomNo}房`,
    buildingText: (b) => `${prefix}${road}${b.doorNumber}号${estate}${b.buildingNo}栋`,
    communityText: () => prefix,
  };
}
