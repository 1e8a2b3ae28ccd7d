import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../text/vietnamese.ts';
import { garbledWords, repairFrom } from './confidence.ts';
import { buildCorpus, FAILURE_CLASSES, SEED_FILES } from './corpus/corpus.ts';
import { seededRng } from './corpus/rng.ts';
import { unmergeHeader } from './header-lines.ts';
import { parsePlan } from './parse-plan.ts';
import { DOCUMENT_FIELDS, type ParsedPlan } from './types.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const SEEDS = SEED_FILES.map((name) => ({ name, text: fixture(name) }));
const key = (value: string | null) => (value ? foldVietnamese(value).replace(/[^a-z0-9/]/g, '') : '');
const flagged = (plan: ParsedPlan) =>
  Object.fromEntries(
    DOCUMENT_FIELDS.filter((field) => plan.documentConfidence?.[field].level !== 'sure').map((field) => [
      field,
      plan.documentConfidence?.[field].candidate ?? null,
    ]),
  );

describe('OCR damage in a value', () => {
  it('finds words no Vietnamese syllable spells, and letters mixed with digits', () => {
    expect(garbledWords('Nâng cao Chỉ số hành chínb c6ng (PAP1) năm 202o')).toEqual([
      'chínb',
      'c6ng',
      'PAP1',
      '202o',
    ]);
    expect(garbledWords('Nguycn Văn Phóng')).toEqual(['Nguycn']);
    expect(garbledWords('Ủy ban nhân dân tỉnh Quảng Ngãl')).toEqual(['Ngãl']);
    // Clean text, without diacritics, with acronyms and Central Highlands names, is not damage.
    expect(
      garbledWords('Cai cach hanh chinh (PAR INDEX) tỉnh Đắk Lắk giai đoạn 2021-2025, khuya, giữa'),
    ).toEqual([]);
  });

  it('repairs a damaged word from the document’s own words, for the candidate only', () => {
    const repair = repairFrom(['hành chính công', 'chính quyền', 'Nguyễn Văn Phóng']);
    expect(repair('hành chínb c6ng')).toBe('hành chính công');
    expect(repair('Nguycn Văn Phóng')).toBe('Nguyễn Văn Phóng');
  });
});

describe('the merged header', () => {
  it('splits the issuer from the motto and the number from the place-date, left column first', () => {
    expect(
      unmergeHeader([
        'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'TỈNH HƯNG YÊNĐộc lập - Tự do - Hạnh phúc',
        'Số: 29/KH-UBND Hưng Yên, ngày 27 tháng 02 năm 2020',
        'KẾ HOẠCH',
      ]),
    ).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH HƯNG YÊN',
      'Số: 29/KH-UBND',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hưng Yên, ngày 27 tháng 02 năm 2020',
      'KẾ HOẠCH',
    ]);
  });
});

/** One document of each failure class, as read: the sure values and the flagged fields' candidates. */
describe('the particulars of one document per failure class', () => {
  const corpus = buildCorpus(SEEDS, 18, 10);
  const entry = (id: string) => {
    const found = corpus.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no ${id}`);
    return parsePlan(found.text);
  };
  const PAPI = {
    number: '29/KH-UBND',
    type: 'KH',
    issuedOn: '2020-02-27',
    place: 'Hưng Yên',
    issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
    signer: 'Nguyễn Văn Phóng',
    title: 'Nâng cao Chỉ số Hiệu quả quản trị và hành chính công (PAPI) tỉnh Hưng Yên năm 2020',
  };

  it('legal-database page: the site’s name is not the issuer', () => {
    const plan = entry('hung-yen-papi-2020/legalDatabase/1');
    expect(plan.document).toEqual(PAPI);
    expect(flagged(plan)).toEqual({});
  });

  it('news article quoting the plan from its type name: number, issuer and date from the lead', () => {
    const plan = entry('hung-yen-cchc-2023/newsQuote/1');
    expect(plan.document).toEqual({
      number: '204/KH-UBND',
      type: 'KH',
      issuedOn: '2022-12-23',
      place: 'Hưng Yên',
      issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
      signer: 'Nguyễn Duy Hưng',
      title: 'Cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023',
    });
  });

  it('merged and tabled headers: the issuer without the motto, the date read', () => {
    for (const id of ['hung-yen-papi-2020/mergeHeader/1', 'hung-yen-papi-2020/tableHeader/1']) {
      const plan = entry(id);
      expect(plan.document).toEqual(PAPI);
      expect(flagged(plan)).toEqual({});
    }
  });

  it('OCR confusions: a damaged title is left empty with its repair offered', () => {
    const plan = entry('hung-yen-papi-2020/ocrConfusions/1');
    // The preamble naming the issuer is damaged too ("Ủy ban nhân dân tỉnh Hưng Yên ban hành").
    expect(plan.document).toEqual({ ...PAPI, title: null, issuer: null });
    expect(flagged(plan)).toEqual({ issuer: PAPI.issuer, title: PAPI.title });
    expect(plan.documentConfidence?.title).toEqual({
      level: 'unsure',
      reason: {
        vi: 'Có chữ bị nhận dạng sai (OCR): kiểm tra lại và sửa trước khi dùng.',
        en: 'Some letters look misread by OCR: check and correct before using it.',
      },
      candidate: PAPI.title,
    });
  });

  it('OCR confusions: a damaged signer is left empty with its repair offered', () => {
    const plan = entry('hung-yen-papi-2020/ocrConfusions/7');
    expect(plan.document.signer).toBeNull();
    expect(flagged(plan)).toMatchObject({ signer: 'Nguyễn Văn Phóng' });
  });

  it('an OCR-damaged number: look-alikes of digits repaired, "S" offered as 5', () => {
    const header = (number: string) =>
      parsePlan(`Số: ${number}\n\nQuảng Ngãi, ngày 12 tháng 5 năm 2017\n\nQUYẾT ĐỊNH\nVề việc thử`);
    expect(header('88I/QĐ-UBND').document.number).toBe('881/QĐ-UBND');
    expect(header('88I/QP-UBND').document.number).toBe('881/QĐ-UBND');
    const doubtful = header('8S1/QĐ-UBND');
    expect(doubtful.document.number).toBeNull();
    expect(doubtful.documentConfidence?.number.candidate).toBe('851/QĐ-UBND');
  });
});

describe('the degraders never make the importer sure of a wrong value', () => {
  it('every sure particular equals the clean reading, under any seed and class', () => {
    const references = new Map(SEEDS.map((seed) => [seed.name, parsePlan(seed.text)]));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(...FAILURE_CLASSES),
        fc.constantFrom(...SEEDS),
        (seed, failureClass, plan) => {
          const reference = references.get(plan.name);
          if (!reference) throw new Error(`no reference for ${plan.name}`);
          const read = parsePlan(failureClass.degrade(plan.text, reference.document, seededRng(seed)));
          for (const field of ['number', 'issuedOn', 'issuer', 'signer'] as const) {
            const value = read.document[field];
            if (value !== null)
              expect([failureClass.name, field, key(value)]).toEqual([
                failureClass.name,
                field,
                key(reference.document[field]),
              ]);
            else expect(read.documentConfidence?.[field].level).not.toBe('sure');
          }
        },
      ),
      // A fixed seed: the same cases on every run, so a failure can be replayed.
      { numRuns: 120, seed: 18 },
    );
  }, 60_000);
});
