/**
 * Province names, to restore a place written without its diacritics ("Hung Yên, ngày …" → "Hưng Yên")
 * and to name the issuing committee ("Ủy ban nhân dân tỉnh …" or "… thành phố …"). The 63 provinces
 * before 1 July 2025 and the names of the 34 after it.
 */
import { foldVietnamese } from '../text/vietnamese.ts';

const PROVINCES = [
  'An Giang',
  'Bà Rịa - Vũng Tàu',
  'Bắc Giang',
  'Bắc Kạn',
  'Bạc Liêu',
  'Bắc Ninh',
  'Bến Tre',
  'Bình Định',
  'Bình Dương',
  'Bình Phước',
  'Bình Thuận',
  'Cà Mau',
  'Cao Bằng',
  'Đắk Lắk',
  'Đắk Nông',
  'Điện Biên',
  'Đồng Tháp',
  'Gia Lai',
  'Hà Giang',
  'Hà Nam',
  'Hà Tĩnh',
  'Hải Dương',
  'Hậu Giang',
  'Hòa Bình',
  'Hưng Yên',
  'Khánh Hòa',
  'Kiên Giang',
  'Kon Tum',
  'Lai Châu',
  'Lâm Đồng',
  'Lạng Sơn',
  'Lào Cai',
  'Long An',
  'Nam Định',
  'Nghệ An',
  'Ninh Bình',
  'Ninh Thuận',
  'Phú Thọ',
  'Phú Yên',
  'Quảng Bình',
  'Quảng Nam',
  'Quảng Ngãi',
  'Quảng Ninh',
  'Quảng Trị',
  'Sóc Trăng',
  'Sơn La',
  'Tây Ninh',
  'Thái Bình',
  'Thái Nguyên',
  'Thanh Hóa',
  'Thừa Thiên Huế',
  'Tiền Giang',
  'Trà Vinh',
  'Tuyên Quang',
  'Vĩnh Long',
  'Vĩnh Phúc',
  'Yên Bái',
];

/** Centrally-run cities, with the date each became one (Huế and Đồng Nai in 2025). */
const CITIES: Array<{ name: string; since: string }> = [
  { name: 'Hà Nội', since: '0000-01-01' },
  { name: 'Hải Phòng', since: '0000-01-01' },
  { name: 'Đà Nẵng', since: '0000-01-01' },
  { name: 'Hồ Chí Minh', since: '0000-01-01' },
  { name: 'Cần Thơ', since: '0000-01-01' },
  { name: 'Huế', since: '2025-01-01' },
  { name: 'Đồng Nai', since: '2025-07-01' },
];

/** Every province and city name, as officially spelt. */
export const PLACE_NAMES: readonly string[] = [...PROVINCES, ...CITIES.map((city) => city.name)];

const BY_KEY = new Map<string, string>();
for (const name of [...PROVINCES, ...CITIES.map((city) => city.name)]) BY_KEY.set(placeKey(name), name);
BY_KEY.set(placeKey('Thành phố Hồ Chí Minh'), 'Thành phố Hồ Chí Minh');
BY_KEY.set(placeKey('TP. Hồ Chí Minh'), 'Thành phố Hồ Chí Minh');
BY_KEY.set(placeKey('TP Hồ Chí Minh'), 'Thành phố Hồ Chí Minh');

function placeKey(name: string): string {
  return foldVietnamese(name).replace(/[^a-z]/g, '');
}

/** The province's name as officially spelt, or null when the text is not a province. */
export function canonicalPlace(written: string): string | null {
  return BY_KEY.get(placeKey(written.replace(/^(tỉnh|tinh|thành phố|thanh pho)\s+/i, ''))) ?? null;
}

/** "tỉnh Hưng Yên" or "thành phố Hà Nội", as the committee's name writes it on that date. */
export function provinceWithKind(place: string, on: string | null): string {
  const bare = place.replace(/^Thành phố\s+/, '');
  const city = CITIES.find((entry) => entry.name === bare);
  const isCity = city !== undefined && (on === null || on >= city.since);
  return `${isCity ? 'thành phố' : 'tỉnh'} ${bare}`;
}
