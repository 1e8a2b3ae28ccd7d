import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePapiTable } from './papi-data.ts';
import { provincesMatching } from './province-match.ts';

const provinces = parsePapiTable(
  readFileSync(
    new URL('../../reference/papi/papi_2018_2024_subdimensions_dimensions.csv', import.meta.url),
    'utf8',
  ),
).filter((row) => row.year === 2024);
const names = (query: string) => provincesMatching(provinces, query).map((province) => province.unit);

describe('a province found by the name typed', () => {
  it('ignores diacritics, case, hyphens and "TP."', () => {
    expect(names('hung yen')).toEqual(['Hưng Yên']);
    expect(names('  HƯNG   YÊN ')).toEqual(['Hưng Yên']);
    expect(names('Thừa Thiên Huế')).toEqual(['Thừa Thiên-Huế']);
    expect(names('Hồ Chí Minh')).toEqual(['TP. Hồ Chí Minh']);
    expect(names('thanh pho ho chi minh')).toEqual(['TP. Hồ Chí Minh']);
    expect(names('dak lak')).toEqual(['Đắk Lắk']);
  });

  it('takes the exact name over a longer one containing it, else whole words of a name', () => {
    // "Quảng Nam" is one of several names with "Nam" (Hà Nam, Nam Định).
    expect(names('Quảng Nam')).toEqual(['Quảng Nam']);
    expect(names('Huế')).toEqual(['Thừa Thiên-Huế']);
    expect(names('giang')).toEqual([
      'Hà Giang',
      'Bắc Giang',
      'Tiền Giang',
      'An Giang',
      'Kiên Giang',
      'Hậu Giang',
    ]);
    // Whole words only: "an" finds the names with the word An, not those merely containing the letters (Lạng Sơn).
    expect(names('an')).toEqual(['Nghệ An', 'Long An', 'An Giang']);
  });

  it('finds nothing for a name that is not a province of the year, or nothing typed', () => {
    expect(names('Hà Tây')).toEqual([]);
    expect(names('')).toEqual([]);
    expect(names('yen b')).toEqual([]);
  });
});
