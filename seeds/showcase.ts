/**
 * The showcase room every seed size contains: 水围村28栋1203房 in 福田街道水围社区. Demos, docs
 * and end-to-end tests start from it; it always has at least two current residents, a legal
 * entity operating there, a fire-hazard event and a mediation case tied to that event.
 */
export const SHOWCASE = {
  districtCode: '440304',
  subdistrictCode: '440304004',
  communityCode: '440304004028',
  gridCode: '44030400402801',
  buildingCode: '4403040040280100028',
  roomCode: '4403040040280100028001203',
  roomFullName: '广东省深圳市福田区福田街道水围社区福民路133号水围村28栋1203房',
} as const;

/** Fixed facts of the showcase building the generator must honour. */
export const SHOWCASE_BUILDING = {
  estate: '水围村',
  buildingNo: '28',
  road: '福民路',
  doorNumber: '133',
  floorsAbove: 14,
  roomsPerFloor: 4,
  yearBuilt: 2003,
  longitude: 114.06421,
  latitude: 22.52638,
  roomFloor: 12,
  roomNo: '1203',
} as const;
