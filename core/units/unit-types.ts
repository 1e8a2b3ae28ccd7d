/** Kinds of organisation unit. Districts exist only in history: the 1 July 2025 reform abolished them. */
export const UNIT_TYPES = {
  province: { vi: 'Tỉnh/Thành phố', en: 'Province' },
  department: { vi: 'Sở, ban, ngành', en: 'Department' },
  district: { vi: 'Huyện/Quận/Thị xã', en: 'District' },
  commune: { vi: 'Xã/Phường/Đặc khu', en: 'Commune' },
  office: { vi: 'Phòng/Đơn vị trực thuộc', en: 'Office' },
} as const;

export type UnitType = keyof typeof UNIT_TYPES;
export const UNIT_TYPE_NAMES = Object.keys(UNIT_TYPES) as [UnitType, ...UnitType[]];

export const SUCCESSION_KINDS = {
  merge: { vi: 'Sáp nhập', en: 'Merged into' },
  split: { vi: 'Chia tách', en: 'Split into' },
  rename: { vi: 'Đổi tên', en: 'Renamed to' },
} as const;

export type SuccessionKind = keyof typeof SUCCESSION_KINDS;
export const SUCCESSION_KIND_NAMES = Object.keys(SUCCESSION_KINDS) as [SuccessionKind, ...SuccessionKind[]];

/** Words users write in the "type" column of an import, folded (no diacritics), mapped to the type. */
export const UNIT_TYPE_ALIASES: Record<string, UnitType> = {
  province: 'province',
  tinh: 'province',
  'thanh pho': 'province',
  'tinh/thanh pho': 'province',
  department: 'department',
  so: 'department',
  ban: 'department',
  nganh: 'department',
  'so, ban, nganh': 'department',
  district: 'district',
  huyen: 'district',
  quan: 'district',
  'thi xa': 'district',
  'huyen/quan/thi xa': 'district',
  commune: 'commune',
  xa: 'commune',
  phuong: 'commune',
  'thi tran': 'commune',
  'dac khu': 'commune',
  'xa/phuong/dac khu': 'commune',
  office: 'office',
  phong: 'office',
  'co quan': 'office',
  'don vi': 'office',
  'phong/don vi truc thuoc': 'office',
};
