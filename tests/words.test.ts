import { describe, expect, it } from 'vitest';
import { codeWithoutName, findProblems, withoutData } from './words.ts';

describe('what the walk and the documents count as a code or an untranslated label', () => {
  const found = (text: string, locale: 'vi' | 'en') => findProblems(text, locale).map((f) => f.found);
  it('catches each kind of code, and words are not codes', () => {
    expect(
      found(
        'auth.login online_full DOSSIER_ON_TIME 2026Q4 2026S1 2026M03 user #8 true [object Object]',
        'vi',
      ),
    ).toEqual(['2026Q4', 'online_full', 'auth.login', 'DOSSIER_ON_TIME', '#8', 'true']);
    expect(found('Quý IV/2026 · Thời hạn 20/12/2026 · XA.1.2 Ban hành kế hoạch · v.v.', 'vi')).toEqual([]);
  });
  it('catches Vietnamese and numbers in the other format in English, but not data or kept words', () => {
    expect(found('Periodic reporting · Hạn 45,53', 'en')).toEqual(['45,53', 'Hạn']);
    expect(found('Total 1,234.5 · Lunar New Year (Tết) · Tiếng Việt', 'en')).toEqual([]);
    expect(
      withoutData('Returned by Nguyễn Văn A (admin, a@b.vn) under 766/QĐ-TTg; administrative', [
        'Nguyễn Văn A',
        'admin',
      ]),
    ).toBe('Returned by   ( ,  ) under  ; administrative');
  });
});

describe('a code alone where its name belongs', () => {
  it('is found in a row that names nothing, not beside a name, not in numbers or document numbers', () => {
    expect(codeWithoutName(['XA.1.2'])).toBe('XA.1.2');
    expect(codeWithoutName(['1', 'PAPI.5', '40'])).toBe('PAPI.5');
    expect(codeWithoutName(['HY_CCHC_XA'])).toBe('HY_CCHC_XA');
    expect(codeWithoutName(['XA.1.2', 'Ban hành kế hoạch CCHC'])).toBeNull();
    expect(codeWithoutName(['1.000', '20/12/2026', 'Số: 29/KH-UBND', 'IV'])).toBeNull();
  });
});
