import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parse-plan.ts';
import type { ParsedPlan } from '../types.ts';
import { commentary } from './commentary.ts';
import { buildCorpus, SEED_FILES } from './corpus.ts';
import {
  hardWraps,
  legalDatabaseWrap,
  mergeHeader,
  newsQuote,
  ocrConfusions,
  runningHeads,
  seededRng,
  stripDiacritics,
  tableHeader,
} from './degrade.ts';
import { measureCorpus } from './measure.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const SEEDS = SEED_FILES.map((name) => ({ name, text: fixture(name) }));
const QUANG_NGAI = fixture('quang-ngai-par-papi-2017.txt');
const words = (text: string) => text.split(/\s+/).filter(Boolean);
const dimensions = (plan: ParsedPlan) => plan.tasks.map((task) => [task.ref, task.dimension]);

const HEADER = [
  '**ỦY BAN NHÂN DÂN',
  'TỈNH QUẢNG NGÃI**',
  '',
  'Số: 881/QĐ-UBND',
  '',
  '**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc**',
  '',
  'Quảng Ngãi, ngày 12 tháng 5 năm 2017',
  '',
  'QUYẾT ĐỊNH',
  'Ban hành Kế hoạch',
].join('\n');

describe('the degraders', () => {
  it('give the same damage for the same seed, and other damage for another', () => {
    const once = ocrConfusions(QUANG_NGAI, seededRng(7));
    expect(ocrConfusions(QUANG_NGAI, seededRng(7))).toBe(once);
    expect(ocrConfusions(QUANG_NGAI, seededRng(8))).not.toBe(once);
    expect(once).not.toBe(QUANG_NGAI);
    const ids = (seed: number) => buildCorpus(SEEDS, seed).map((entry) => `${entry.id} ${entry.text.length}`);
    expect(ids(18)).toEqual(ids(18));
    expect(seededRng(1)()).toBe(seededRng(1)());
  });

  it('strip every diacritic and read đ as d', () => {
    expect(stripDiacritics('Ủy ban nhân dân tỉnh Hưng Yên; Đội ngũ cán bộ, đảng viên: 29/KH-UBND')).toBe(
      'Uy ban nhan dan tinh Hung Yen; Doi ngu can bo, dang vien: 29/KH-UBND',
    );
  });

  it('swap look-alikes at the given rate only', () => {
    const rng = seededRng(3);
    expect(ocrConfusions('Số: 29/KH-UBND', rng, 0)).toBe('Số: 29/KH-UBND');
    expect(['Sb:', 'S6:', 'So:']).toContain(ocrConfusions('Số:', seededRng(3), 1));
    expect(['P', 'D']).toContain(ocrConfusions('Đ', seededRng(4), 1));
  });

  it('merge the issuer and the motto columns row by row', () => {
    expect(mergeHeader(HEADER)).toBe(
      [
        'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc',
        'Số: 881/QĐ-UBND Quảng Ngãi, ngày 12 tháng 5 năm 2017',
        '',
        'QUYẾT ĐỊNH',
        'Ban hành Kế hoạch',
      ].join('\n'),
    );
  });

  it('lay the header out as a table of cells', () => {
    expect(tableHeader(HEADER)).toBe(
      [
        '| ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |',
        '|---|---|',
        '| Số: 881/QĐ-UBND | Quảng Ngãi, ngày 12 tháng 5 năm 2017 |',
        '',
        'QUYẾT ĐỊNH',
        'Ban hành Kế hoạch',
      ].join('\n'),
    );
  });

  it('wrap paragraphs at about 70 characters, keeping every word in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const wrapped = hardWraps(QUANG_NGAI, seededRng(seed));
        expect(words(wrapped)).toEqual(words(QUANG_NGAI));
        const lines = wrapped.split('\n');
        expect(lines.every((line) => line.length <= 76 || !line.includes(' '))).toBe(true);
        expect(lines.length).toBeGreaterThan(QUANG_NGAI.split('\n').length + 100);
      }),
      { numRuns: 20 },
    );
  });

  it('insert page numbers and running heads, keeping the text in order around them', () => {
    const paged = runningHeads(QUANG_NGAI, seededRng(5), 25);
    expect(paged.split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(/^(- 2 -|2|Trang 2)$/)]));
    const original = words(QUANG_NGAI);
    let at = 0;
    for (const word of words(paged)) if (word === original[at]) at += 1;
    expect(at).toBe(original.length);
  });

  it('wrap the plan in a legal-database page and a news article that quote its particulars', () => {
    const document = parsePlan(QUANG_NGAI).document;
    const page = legalDatabaseWrap(QUANG_NGAI, document, seededRng(2));
    expect(page).toMatch(/Số hiệu:\s(\|\s)?881\/QĐ-UBND/);
    expect(page).toMatch(/Ngày ban hành:\s(\|\s)?12\/05\/2017/);
    expect(page).toMatch(/Người ký:\s(\|\s)?Trần Ngọc Căng/);
    expect(page).toContain(QUANG_NGAI);
    const article = newsQuote(QUANG_NGAI, document, seededRng(2));
    expect(article).toContain(
      'Quảng Ngãi ban hành kế hoạch nâng cao Chỉ số PAR INDEX, Chỉ số PAPI, Chỉ số PCI năm 2017',
    );
    expect(article).toContain(
      'Ngày 12/5, UBND tỉnh Quảng Ngãi ban hành Quyết định số 881/QĐ-UBND về ban hành Kế hoạch',
    );
  });
});

describe('commentary', () => {
  it('recalls last year’s results under the tasks’ heading, adds lead-ins and site chrome, and keeps the plan', () => {
    const damaged = commentary(QUANG_NGAI, 2017, seededRng(3), 0.5);
    const lines = damaged.split('\n');
    const heading = lines.findIndex((line) => line.startsWith('II. NHIỆM VỤ'));
    expect(lines[heading + 2]).toMatch(/^Năm 2016, Chỉ số PAPI của tỉnh đạt \d\d,\d\d điểm, xếp thứ \d+\/63/);
    expect(lines[heading + 4]).toMatch(/^- Chỉ số SIPAS năm 2016 đạt \d\d,\d\d%, xếp thứ \d+\/63/);
    expect(lines.some((line) => line.endsWith('như sau:') && !QUANG_NGAI.includes(line))).toBe(true);
    expect(lines.some((line) => ['A A A', 'Chia sẻ', 'In trang', 'Bản in', 'Quay lại'].includes(line))).toBe(
      true,
    );
    // Every line of the plan is still there, in order.
    const kept = lines.filter((line) => QUANG_NGAI.split('\n').includes(line));
    expect(kept.filter((line) => line !== '')).toEqual(QUANG_NGAI.split('\n').filter((line) => line !== ''));
  });
});

describe('the importer under damage it withstands today', () => {
  for (const { name, text } of SEEDS) {
    const clean = parsePlan(text);
    // Fixed seeds: `npm run measure:importer` finds others that break it today (the Quảng Ngãi plan under
    // runningHeads seeds 5 and 31 renumbers items, the Hưng Yên PAPI title under hardWraps seed 14).
    it(`reads the particulars and the dimensions of ${name} the same through page breaks and hard wraps`, () => {
      for (const seed of [0, 1, 2, 3]) {
        for (const damaged of [runningHeads(text, seededRng(seed)), hardWraps(text, seededRng(seed))]) {
          const plan = parsePlan(damaged);
          expect(plan.document).toEqual(clean.document);
          expect(dimensions(plan)).toEqual(dimensions(clean));
        }
      }
    }, 30_000);
  }

  it('keeps every dimension without diacritics, with the header merged or tabled, and inside a page or an article', () => {
    const classes = [
      'stripDiacritics',
      'mergeHeader',
      'tableHeader',
      'legalDatabase',
      'newsQuote',
      'commentary',
      'scan+noDiacritics',
      'legalDatabase+noDiacritics',
      'newsQuote+hardWraps',
    ];
    const corpus = buildCorpus(SEEDS).filter((entry) => classes.includes(entry.failureClass));
    const measured = measureCorpus(corpus);
    expect(measured.classes.map((row) => row.failureClass)).toEqual(classes);
    for (const row of measured.classes) {
      expect([row.failureClass, row.sameDimension, row.missing, row.spurious, row.spuriousTargets]).toEqual([
        row.failureClass,
        row.cleanTasks,
        0,
        0,
        0,
      ]);
    }
  }, 60_000);
});
