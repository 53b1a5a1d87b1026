/**
 * Geography the generator draws on: roads and rough extents per subdistrict, and per community
 * its character (urban village, residential estates, CBD offices...) with real place names where
 * they are known. Coordinates are approximate WGS-84; nothing here claims survey accuracy.
 */

/** What dominates a community's building stock. */
export type Archetype = 'VILLAGE' | 'ESTATE' | 'CBD' | 'TECH' | 'BONDED' | 'MIXED';

export type SubdistrictGeo = {
  /** Roads that run through the subdistrict. */
  roads: readonly string[];
  /** Centre of the subdistrict [longitude, latitude] and half extents in degrees. */
  center: readonly [number, number];
  spread: readonly [number, number];
};

/** By subdistrict code. */
export const SUBDISTRICT_GEO: Readonly<Record<string, SubdistrictGeo>> = {
  // 南园街道
  '440304001': { roads: ['南园路', '红岭南路', '华强南路', '滨河大道', '深南中路', '福华路', '巴登街', '滨江路'], center: [114.089, 22.528], spread: [0.006, 0.006] },
  // 园岭街道
  '440304002': { roads: ['红荔路', '红岭中路', '八卦一路', '八卦二路', '八卦三路', '百花二路', '上步中路', '笋岗西路', '园岭中路'], center: [114.094, 22.556], spread: [0.005, 0.007] },
  // 福田街道
  '440304004': { roads: ['福华三路', '福华一路', '金田路', '益田路', '深南大道', '福田路', '皇岗路', '福民路', '福强路', '民田路', '滨河大道', '彩田路'], center: [114.064, 22.528], spread: [0.010, 0.007] },
  // 沙头街道
  '440304005': { roads: ['沙嘴路', '新洲路', '泰然四路', '泰然九路', '福强路', '滨河大道', '沙尾路', '福荣路', '车公庙路', '深南大道'], center: [114.030, 22.528], spread: [0.014, 0.008] },
  // 香蜜湖街道
  '440304006': { roads: ['香蜜湖路', '侨香路', '农林路', '香梅路', '农园路', '红荔西路', '香林路', '深南大道', '竹子林路'], center: [114.027, 22.548], spread: [0.012, 0.007] },
  // 梅林街道
  '440304007': { roads: ['梅林路', '梅华路', '梅康路', '凯丰路', '北环大道', '中康路', '梅村路', '上梅林路', '下梅林路', '梅坳一路'], center: [114.053, 22.571], spread: [0.016, 0.008] },
  // 莲花街道
  '440304008': { roads: ['莲花路', '红荔路', '景田路', '新洲路', '彩田路', '福中路', '香梅路', '商报路', '北环大道', '景田北路'], center: [114.057, 22.552], spread: [0.012, 0.008] },
  // 华富街道
  '440304009': { roads: ['莲花路', '彩田路', '华富路', '笋岗西路', '红荔路', '泥岗西路', '新闻路', '上步中路'], center: [114.075, 22.556], spread: [0.008, 0.007] },
  // 福保街道
  '440304010': { roads: ['福强路', '石厦路', '益田路', '新洲路', '石厦北街', '福保路', '广兰道', '福田路'], center: [114.045, 22.515], spread: [0.009, 0.005] },
  // 华强北街道
  '440304011': { roads: ['华强北路', '振华路', '振中路', '振兴路', '红荔路', '燕南路', '中航路', '华发北路', '上步中路', '深南中路'], center: [114.085, 22.544], spread: [0.006, 0.005] },
  // 福田保税区
  '440304400': { roads: ['桂花路', '紫荆道', '市花路', '红花路', '蓝花道', '槟榔道', '黄槐道', '广兰道'], center: [114.050, 22.506], spread: [0.008, 0.003] },
};

/** An urban village (城中村) and how its buildings are numbered. */
export type Village = {
  name: string;
  road: string;
  /** Surname of the lineage that founded the village; landlords mostly carry it. */
  surname?: string;
  /** 'number': 28栋; 'fang': lanes, 7坊16栋. */
  style: 'number' | 'fang';
  aliases?: readonly string[];
};

/** A named place with one or more buildings: an office tower, a mall, a park, a school. */
export type NamedPlace = { name: string; road?: string; door?: string; aliases?: readonly string[]; floors?: number; year?: number };

export type CommunityProfile = {
  archetype: Archetype;
  /** Centre [longitude, latitude] when known better than the subdistrict's. */
  center?: readonly [number, number];
  village?: Village;
  estates?: readonly NamedPlace[];
  offices?: readonly NamedPlace[];
  commercial?: readonly NamedPlace[];
  industrial?: readonly NamedPlace[];
  public?: readonly NamedPlace[];
};

const v = (name: string, road: string, style: Village['style'] = 'number', surname?: string, aliases?: string[]): Village => ({ name, road, style, surname, aliases });
const p = (name: string, road?: string, aliases?: string[]): NamedPlace => ({ name, road, aliases });

/** By community short name (水围社区 without 居委会). Communities not listed are ESTATE. */
export const COMMUNITY_PROFILES: Readonly<Record<string, CommunityProfile>> = {
  // 南园街道
  沙埔头社区: { archetype: 'VILLAGE', village: v('沙埔头村', '华强南路', 'number', undefined, ['沙埔头']), estates: [p('嘉麟豪庭', '华强南路')] },
  南园社区: { archetype: 'ESTATE', estates: [p('南园新村', '南园路'), p('南园小区', '南园路')] },
  南华社区: { archetype: 'MIXED', estates: [p('南华村', '华强南路', ['南华新村'])], commercial: [p('华强南商业街', '华强南路')] },
  滨河社区: { archetype: 'ESTATE', estates: [p('滨河小区', '滨河大道'), p('滨福小区', '福华路')] },
  巴登社区: { archetype: 'ESTATE', estates: [p('巴登村', '巴登街'), p('南光捷佳大厦', '滨河大道')] },
  滨江社区: { archetype: 'ESTATE', estates: [p('滨江新村', '滨江路'), p('兰江山第', '滨河大道')] },
  锦龙社区: { archetype: 'ESTATE', estates: [p('锦龙花园', '红岭南路')] },
  赤尾社区: { archetype: 'VILLAGE', center: [114.094, 22.526], village: v('赤尾村', '福华路', 'number', undefined, ['赤尾']) },
  // 园岭街道
  红荔社区: { archetype: 'ESTATE', estates: [p('红荔村', '红荔路')] },
  园东社区: { archetype: 'ESTATE', center: [114.096, 22.556], estates: [p('园岭新村', '园岭中路', ['园岭小区']), p('园东花园', '红岭中路')] },
  长城社区: { archetype: 'ESTATE', estates: [p('长城大厦', '红荔路'), p('长城花园', '红岭中路')] },
  鹏盛社区: { archetype: 'MIXED', estates: [p('鹏盛村', '八卦二路')], industrial: [p('八卦岭工业区', '八卦一路', ['八卦岭'])] },
  上林社区: { archetype: 'ESTATE', estates: [p('园岭新村', '上步中路', ['园岭小区']), p('上林苑', '百花二路')] },
  华林社区: { archetype: 'ESTATE', estates: [p('华林花园', '华富路'), p('百花园', '百花二路')] },
  南天社区: { archetype: 'ESTATE', estates: [p('南天一花园', '笋岗西路'), p('南天二花园', '笋岗西路')] },
  // 福田街道
  福华社区: { archetype: 'CBD', center: [114.058, 22.534], offices: [p('大中华国际交易广场', '福华一路'), p('卓越世纪中心', '福华三路'), p('江苏大厦', '益田路')], commercial: [p('深圳会展中心', '福华三路', ['会展中心']), p('COCO Park', '福华三路', ['购物公园'])] },
  福安社区: { archetype: 'CBD', center: [114.055, 22.537], offices: [{ name: '平安金融中心', road: '益田路', door: '5033', aliases: ['平安大厦', 'PAFC'], floors: 118, year: 2017 }, p('凤凰大厦', '深南大道'), p('新世界商务中心', '福华三路')] },
  福山社区: { archetype: 'ESTATE', estates: [p('福山花园', '福民路'), p('福田花园', '福田路')] },
  福民社区: { archetype: 'ESTATE', estates: [p('福民新村', '福民路'), p('福强花园', '福强路')] },
  水围社区: { archetype: 'VILLAGE', center: [114.0640, 22.5262], village: v('水围村', '福民路', 'number', '庄', ['水围']), estates: [p('水围新村', '福强路'), p('滨河花园', '滨河大道')] },
  渔农社区: { archetype: 'VILLAGE', center: [114.073, 22.519], village: v('渔农村', '滨河大道', 'number', undefined, ['渔农']) },
  岗厦社区: { archetype: 'VILLAGE', center: [114.069, 22.537], village: v('岗厦村', '彩田路', 'number', '文', ['岗厦']), offices: [p('卓越大厦', '金田路'), p('岗厦皇庭大厦', '金田路')] },
  海滨社区: { archetype: 'ESTATE', estates: [p('海滨广场', '福强路'), p('城市3米6', '福强路')] },
  福田社区: { archetype: 'VILLAGE', center: [114.060, 22.524], village: v('福田村', '福田路', 'fang', '黄', ['福田新村']) },
  皇岗社区: { archetype: 'VILLAGE', center: [114.070, 22.524], village: v('皇岗村', '皇岗路', 'number', '庄', ['皇岗']) },
  福南社区: { archetype: 'ESTATE', estates: [p('福南小区', '福强路')] },
  口岸社区: { archetype: 'ESTATE', public: [p('皇岗口岸联检楼', '皇岗路', ['皇岗口岸'])], estates: [p('口岸生活区', '福强路')] },
  圩镇社区: { archetype: 'ESTATE', estates: [p('福田新村', '福民路'), p('圩镇花园', '福田路')] },
  // 沙头街道
  新洲社区: { archetype: 'VILLAGE', center: [114.050, 22.527], village: v('新洲村', '新洲路', 'number', undefined, ['新洲']) },
  沙嘴社区: { archetype: 'VILLAGE', center: [114.036, 22.524], village: v('沙嘴村', '沙嘴路', 'number', undefined, ['沙嘴']) },
  上沙社区: { archetype: 'VILLAGE', center: [114.019, 22.526], village: v('上沙村', '沙嘴路', 'fang', '黄', ['上沙']) },
  沙尾社区: { archetype: 'VILLAGE', center: [114.042, 22.523], village: v('沙尾村', '沙尾路', 'fang', undefined, ['沙尾']) },
  下沙社区: { archetype: 'VILLAGE', center: [114.029, 22.524], village: v('下沙村', '滨河大道', 'fang', '黄', ['下沙']) },
  金地社区: { archetype: 'ESTATE', estates: [p('金地花园', '福荣路'), p('金地海景花园', '福荣路')] },
  天安社区: {
    archetype: 'TECH',
    center: [114.024, 22.537],
    offices: [p('天安数码城创新科技广场一期', '泰然九路', ['创新科技广场一期']), p('天安创新科技广场二期', '泰然九路'), p('天安数码时代大厦', '泰然四路'), p('天安科技创业大厦', '泰然四路')],
    industrial: [p('天安数码城', '泰然四路', ['天安车公庙工业区']), p('泰然工业园', '泰然九路')],
    estates: [p('泰然花园', '泰然四路')],
  },
  // 香蜜湖街道
  竹林社区: { archetype: 'ESTATE', estates: [p('竹子林小区', '竹子林路'), p('竹盛花园', '竹子林路')] },
  香蜜社区: { archetype: 'ESTATE', estates: [p('香蜜湖1号', '香蜜湖路'), p('香蜜湖花园', '香蜜湖路', ['香蜜湖'])] },
  东海社区: { archetype: 'ESTATE', estates: [p('东海花园', '香梅路')] },
  侨香社区: { archetype: 'ESTATE', estates: [p('侨香村', '侨香路')] },
  农园社区: { archetype: 'ESTATE', estates: [p('农科中心小区', '农园路')] },
  // 梅林街道
  梅林一村社区: { archetype: 'ESTATE', center: [114.053, 22.570], estates: [p('梅林一村', '梅村路', ['梅一村']), p('梅林二村', '梅村路')] },
  上梅社区: { archetype: 'VILLAGE', center: [114.060, 22.574], village: v('上梅林村', '上梅林路', 'number', undefined, ['上梅林']) },
  下梅社区: { archetype: 'VILLAGE', center: [114.041, 22.566], village: v('下梅林村', '下梅林路', 'number', undefined, ['下梅林']) },
  // 莲花街道
  福中社区: { archetype: 'CBD', center: [114.059, 22.543], public: [p('深圳市民中心', '福中三路', ['市民中心'])], offices: [p('投资大厦', '深南大道'), p('福中大厦', '福中路')] },
  彩田社区: { archetype: 'ESTATE', estates: [p('彩田村', '彩田路')] },
  彩虹社区: { archetype: 'ESTATE', estates: [p('彩虹新都', '彩田路')] },
  景田社区: { archetype: 'ESTATE', estates: [p('景田北小区', '景田北路'), p('景田小区', '景田路')] },
  紫荆社区: { archetype: 'ESTATE', estates: [p('紫荆苑', '莲花路')] },
  // 华富街道
  莲花一村社区: { archetype: 'ESTATE', center: [114.067, 22.552], estates: [p('莲花一村', '莲花路')] },
  莲花二村社区: { archetype: 'ESTATE', center: [114.063, 22.557], estates: [p('莲花二村', '莲花路')] },
  莲花三村社区: { archetype: 'ESTATE', estates: [p('莲花三村', '红荔路')] },
  田面社区: { archetype: 'VILLAGE', center: [114.078, 22.543], village: v('田面村', '新闻路', 'number', '黄', ['田面']) },
  黄木岗社区: { archetype: 'ESTATE', estates: [p('黄木岗小区', '华富路')] },
  // 福保街道
  石厦社区: { archetype: 'VILLAGE', center: [114.047, 22.516], village: v('石厦村', '石厦路', 'number', undefined, ['石厦']) },
  益田社区: { archetype: 'ESTATE', estates: [p('益田村', '益田路', ['益田小区'])] },
  明月社区: { archetype: 'ESTATE', estates: [p('明月花都', '福强路')] },
  // 华强北街道
  华红社区: { archetype: 'MIXED', commercial: [p('华强电子世界', '华强北路'), p('曼哈购物广场', '华强北路')] },
  华航社区: { archetype: 'MIXED', center: [114.084, 22.541], offices: [p('华强广场', '华强北路', ['华强广场酒店'])], commercial: [p('赛格广场', '华发北路', ['赛格'])] },
  通新岭社区: { archetype: 'MIXED', estates: [p('通新岭小区', '红荔路')] },
  荔村社区: { archetype: 'MIXED', estates: [p('荔村小区', '振华路')] },
  福强社区: { archetype: 'MIXED', industrial: [p('上步工业区', '振华路', ['上步'])] },
  // 福田保税区
  福田保税区虚拟社区: { archetype: 'BONDED', offices: [p('长富金茂大厦', '槟榔道')], industrial: [p('福田保税区物流园', '桂花路'), p('深九科技创业园', '市花路')] },
};

/** Building counts of one community at demo size, before its own ±20% variation. */
export const ARCHETYPE_BUILDINGS: Readonly<Record<Archetype, number>> = {
  VILLAGE: 14,
  ESTATE: 10,
  CBD: 9,
  TECH: 14,
  BONDED: 12,
  MIXED: 10,
};

/** The usual building stock of each archetype (weights). */
export const ARCHETYPE_MIX: Readonly<Record<Archetype, Readonly<Record<string, number>>>> = {
  VILLAGE: { URBAN_VILLAGE: 70, RESIDENTIAL_ESTATE: 12, COMMERCIAL: 8, OFFICE: 4, PUBLIC: 6 },
  ESTATE: { RESIDENTIAL_ESTATE: 78, COMMERCIAL: 8, OFFICE: 7, PUBLIC: 7 },
  CBD: { OFFICE: 50, COMMERCIAL: 20, RESIDENTIAL_ESTATE: 22, PUBLIC: 8 },
  TECH: { OFFICE: 40, INDUSTRIAL: 36, COMMERCIAL: 8, RESIDENTIAL_ESTATE: 12, PUBLIC: 4 },
  BONDED: { INDUSTRIAL: 62, OFFICE: 22, COMMERCIAL: 6, PUBLIC: 10 },
  MIXED: { COMMERCIAL: 32, OFFICE: 22, RESIDENTIAL_ESTATE: 36, INDUSTRIAL: 4, PUBLIC: 6 },
};

/** Suffixes for estates named after their community or a brand (XX花园, XX新村...). */
export const ESTATE_SUFFIXES = ['花园', '新村', '小区', '苑', '家园', '大厦', '雅苑', '公寓', '华庭', '名苑'] as const;
export const OFFICE_SUFFIXES = ['大厦', '中心', '商务大厦', '广场', '国际大厦', '金融大厦', '科技大厦'] as const;
export const COMMERCIAL_SUFFIXES = ['商业中心', '购物广场', '商场', '市场', '商业街', '酒店'] as const;
export const INDUSTRIAL_SUFFIXES = ['工业区', '工业大厦', '科技园', '厂区'] as const;
export const PUBLIC_KINDS = ['小学', '幼儿园', '社区党群服务中心', '社区健康服务中心', '文体中心', '派出所', '中学', '养老服务中心'] as const;
/** Two-character place brands for generated names. */
export const PLACE_BRANDS = [
  '华富', '鹏基', '新华', '金港', '嘉汇', '福景', '荣华', '星河', '中海', '万科', '招商', '华润', '金茂', '联合', '国际', '东方',
  '鸿福', '锦绣', '嘉宝', '天健', '富春', '美丽', '信和', '世纪', '皇庭', '现代', '港丽', '华业', '金众', '深业', '城建', '安华',
] as const;
