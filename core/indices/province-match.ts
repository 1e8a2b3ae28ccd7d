import { foldVietnamese } from '../text/vietnamese.ts';

/**
 * A province found by the name someone typed: without diacritics or case ("hung yen" is Hưng Yên),
 * hyphens and dots as spaces ("Thừa Thiên Huế"), without "TP."/"Thành phố"/"Tỉnh" ("Hồ Chí Minh"). An exact
 * name wins; otherwise every province whose name contains the words typed ("Huế"), so a caller can say
 * the name is ambiguous when there are several.
 */
function key(name: string): string {
  return foldVietnamese(name.replace(/[-.,]/g, ' ')).replace(/^(tp|thanh pho|tinh) /, '');
}

export function provincesMatching<T extends { unit: string }>(provinces: readonly T[], query: string): T[] {
  const wanted = key(query);
  if (wanted === '') return [];
  const exact = provinces.filter((province) => key(province.unit) === wanted);
  if (exact.length > 0) return exact;
  return provinces.filter((province) => ` ${key(province.unit)} `.includes(` ${wanted} `));
}
