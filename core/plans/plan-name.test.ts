import { describe, expect, it } from 'vitest';
import { answerTitle, planName, unitIssuer, unitPlace } from './plan-name.ts';

describe('a plan’s name as a person reads it', () => {
  it('is its type and number when it has a number', () => {
    expect(planName({ number: '12/KH-UBND', type: 'KH', title: 'Cải thiện PAPI' })).toBe(
      'Kế hoạch số 12/KH-UBND',
    );
    expect(planName({ number: ' 5/QĐ-UBND ', type: 'QĐ', title: 'x' })).toBe('Quyết định số 5/QĐ-UBND');
  });
  it('is read in English on an English screen', () => {
    expect(planName({ number: '12/KH-UBND', type: 'KH', title: 'Cải thiện PAPI' }, 'en')).toBe(
      'Plan No. 12/KH-UBND',
    );
    expect(planName({ number: '5/QĐ-UBND', type: 'QĐ', title: 'x' }, 'en')).toBe('Decision No. 5/QĐ-UBND');
  });
  it('is its title before it is numbered', () => {
    expect(planName({ number: null, type: 'KH', title: 'Thực hiện Kế hoạch số 29/KH-UBND' })).toBe(
      'Thực hiện Kế hoạch số 29/KH-UBND',
    );
    expect(planName({ number: '  ', title: 'Kế hoạch của phường' })).toBe('Kế hoạch của phường');
  });
});

describe('the issuer of a unit’s own plan (ND 30/2020)', () => {
  it('is the People’s Committee of a commune, dated from its place name', () => {
    const ward = { name: 'Phường Phố Hiến', type: 'commune' };
    expect(unitIssuer(ward)).toBe('Ủy ban nhân dân phường Phố Hiến');
    expect(unitPlace(ward)).toBe('Phố Hiến');
    expect(unitIssuer({ name: 'Xã Tân Hưng', type: 'commune' })).toBe('Ủy ban nhân dân xã Tân Hưng');
  });
  it('is the department itself, with no place of its own', () => {
    const department = { name: 'Sở Nội vụ', type: 'department' };
    expect(unitIssuer(department)).toBe('Sở Nội vụ');
    expect(unitPlace(department)).toBeNull();
  });
});

describe('the title of a unit’s plan answering another', () => {
  it('names the plan it carries out by number, date and issuer, then its subject', () => {
    expect(
      answerTitle({
        number: '29/KH-UBND',
        issuedOn: '2020-02-27',
        issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
        title: 'Nâng cao Chỉ số Hiệu quả quản trị và hành chính công (PAPI) năm 2020',
      }),
    ).toBe(
      'Thực hiện Kế hoạch số 29/KH-UBND ngày 27/02/2020 của Ủy ban nhân dân tỉnh Hưng Yên về nâng cao Chỉ số Hiệu quả quản trị và hành chính công (PAPI) năm 2020',
    );
  });
  it('leaves out what the parent does not have, and a title repeating "Kế hoạch"', () => {
    expect(
      answerTitle({ number: null, issuedOn: null, issuer: null, title: 'Kế hoạch cải thiện PAPI năm 2099' }),
    ).toBe('Thực hiện Kế hoạch về cải thiện PAPI năm 2099');
  });
});
