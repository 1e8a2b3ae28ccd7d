import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDateVi } from '../text/dates.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import {
  HUNG_YEN_CCHC_2023,
  HUNG_YEN_CCHC_2023_SCHEDULE,
  HUNG_YEN_PAPI_2020,
  HUNG_YEN_PAPI_2020_SCHEDULE,
  QUANG_NGAI_2017,
  QUANG_NGAI_2017_SCHEDULE,
} from './fixtures/expected.ts';
import { parsePlan } from './parse-plan.ts';
import type { ParsedPlan } from './types.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const SEEDS = [
  { file: 'hung-yen-papi-2020.txt', expected: HUNG_YEN_PAPI_2020, schedule: HUNG_YEN_PAPI_2020_SCHEDULE },
  { file: 'hung-yen-cchc-2023.txt', expected: HUNG_YEN_CCHC_2023, schedule: HUNG_YEN_CCHC_2023_SCHEDULE },
  { file: 'quang-ngai-par-papi-2017.txt', expected: QUANG_NGAI_2017, schedule: QUANG_NGAI_2017_SCHEDULE },
];

/** Diacritics gone, capitals kept: what a keyboard without Vietnamese input, or a careless OCR, gives. */
function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Every line broken at ~60 columns, as text copied out of a PDF arrives. */
function hardWrap(text: string, width = 60): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current !== '' && `${current} ${word}`.length > width) {
          out.push(current);
          current = word;
        } else current = current === '' ? word : `${current} ${word}`;
      }
      out.push(current);
      return out;
    })
    .join('\n');
}

/**
 * OCR damage of the kinds seen in real scans: every third word without diacritics, "ô" read as "6" in
 * others, "c)" as "¢)", "II." as "I1.", hyphens lost in "QĐ-UBND", a page number and a running header
 * every 30 lines, the date line unreadable and the date left in a digital-signature stamp.
 */
function ocrDamage(text: string): string {
  let word = 0;
  const dateDamaged = text.replace(/ngày 27 tháng 02 năm 2020/, 'ngay 2? thang O2 nam 2O20');
  const lines = dateDamaged.split('\n').map((line) =>
    line
      .replace(/^((?:#+\s*)?(?:\*\*)?)c\)/, '$1¢)')
      .replace(/^((?:#+\s*)?(?:\*\*)?)II\./, '$1I1.')
      .replace(/QĐ-UBND/g, 'QĐUBND')
      .split(' ')
      .map((token) => {
        word += 1;
        if (word % 3 === 0) return stripDiacritics(token);
        return word % 5 === 0 ? token.replace(/[ốôộổồ]/g, '6') : token;
      })
      .join(' '),
  );
  const paged: string[] = [];
  lines.forEach((line, index) => {
    paged.push(line);
    if (index % 30 === 29) paged.push('', `- ${Math.floor(index / 30) + 2} -`, '', 'CÔNG BÁO TỈNH/Số 12', '');
  });
  return `${paged.join('\n')}\nKý bởi: Ủy ban nhân dân tỉnh\nNgày ký: 27.02.2020 15:30:45 +07:00\n`;
}

/** What must survive damage: the same items, with the same dimension and the same lead units. */
function outline(plan: ParsedPlan): string[] {
  return plan.tasks.map(
    (task) => `${foldVietnamese(task.ref)} ${task.dimension} ${task.lead.map(foldVietnamese).join('; ')}`,
  );
}

describe('parsePlan on the seed plans', () => {
  it('reads the particulars of the Hưng Yên PAPI plan', () => {
    const plan = parsePlan(fixture('hung-yen-papi-2020.txt'));
    expect(plan.document).toEqual({
      number: '29/KH-UBND',
      type: 'KH',
      issuedOn: '2020-02-27',
      place: 'Hưng Yên',
      issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
      signer: 'Nguyễn Văn Phóng',
      title: 'Nâng cao Chỉ số Hiệu quả quản trị và hành chính công (PAPI) tỉnh Hưng Yên năm 2020',
    });
    expect(plan.indices).toEqual(['PAPI']);
    expect(plan.tasks[0]).toMatchObject({
      ref: 'II.1.a.1',
      index: 'PAPI',
      dimension: 'PAPI.1',
      lead: ['UBND cấp huyện'],
      support: [],
      due: '2020-12-31',
      dueDefaulted: true,
      recurrence: null,
    });
    expect(plan.tasks[0]?.text).toMatch(
      /^Tăng cường công tác thông tin, tuyên truyền về Pháp lệnh số 34\/2007/,
    );
  });

  it('reads the CCHC plan whose place lost a diacritic ("Hung Yên") and whose issuer is only in the preamble', () => {
    const plan = parsePlan(fixture('hung-yen-cchc-2023.txt'));
    expect(plan.document).toEqual({
      number: '204/KH-UBND',
      type: 'KH',
      issuedOn: '2022-12-23',
      place: 'Hưng Yên',
      issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
      signer: 'Nguyễn Duy Hưng',
      title: 'Cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023',
    });
    expect(plan.indices).toEqual(['PAR_INDEX', 'PAPI', 'SIPAS', 'PCI', 'ICT_INDEX']);
  });

  it('reads the decision, and the tasks of the plan attached to it', () => {
    const plan = parsePlan(fixture('quang-ngai-par-papi-2017.txt'));
    expect(plan.document).toMatchObject({
      number: '881/QĐ-UBND',
      type: 'QĐ',
      issuedOn: '2017-05-12',
      place: 'Quảng Ngãi',
      issuer: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
      signer: 'Trần Ngọc Căng',
    });
    expect(plan.document.title).toMatch(
      /^Ban hành Kế hoạch nâng cao Chỉ số cải cách hành chính \(PAR INDEX\)/,
    );
    expect(plan.indices).toEqual(['PAR_INDEX', 'PAPI', 'PCI']);
    // The decision's own articles (Điều 1–3) are not tasks.
    expect(plan.tasks.every((task) => task.ref.startsWith('II.') || task.ref.startsWith('III.'))).toBe(true);
  });

  for (const { file, expected } of SEEDS) {
    it(`gives every task of ${file} its dimension and lead unit`, () => {
      const plan = parsePlan(fixture(file));
      expect(plan.tasks.map((task) => [task.ref, task.dimension, task.lead])).toEqual(expected);
      expect(plan.tasks.every((task) => task.text.length > 10 && !/\*\*|#/.test(task.text))).toBe(true);
    });
  }

  for (const { file, schedule } of SEEDS) {
    it(`gives every task of ${file} its deadline (the year end by default) and recurrence`, () => {
      const plan = parsePlan(fixture(file));
      expect(
        plan.tasks.map((task) => [task.ref, task.due, task.dueDefaulted ?? false, task.recurrence]),
      ).toEqual(
        plan.tasks.map((task) => {
          const dated = schedule.dated[task.ref];
          return [
            task.ref,
            dated ?? schedule.yearEnd,
            dated === undefined && schedule.yearEnd !== null,
            schedule.recurrences[task.ref] ?? null,
          ];
        }),
      );
    });
  }

  it('numbers unnumbered bullets in order and keeps refs unique across numbering slips', () => {
    const cchc = parsePlan(fixture('hung-yen-cchc-2023.txt'));
    const refs = cchc.tasks.map((task) => task.ref);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toContain('II-2.2.l-2');
    expect(cchc.warnings).toContain('Dòng 92: số thứ tự "II." lặp lại, ghi là "II-2".');
    const quangNgai = parsePlan(fixture('quang-ngai-par-papi-2017.txt'));
    // "d) … d) … e)": the second "d)" was meant as "đ)".
    expect(quangNgai.tasks.find((task) => task.ref === 'II.2.1.đ.1')?.lead).toEqual(['Sở Tài chính']);
    expect(quangNgai.warnings).toContain('Dòng 174: điểm "d)" lặp lại, hiểu là "đ)".');
  });

  it('reads coordinating units, deadlines and recurrences', () => {
    const papi = parsePlan(fixture('hung-yen-papi-2020.txt'));
    const byRef = (plan: ParsedPlan, ref: string) => plan.tasks.find((task) => task.ref === ref);
    expect(byRef(papi, 'IV.2.b')).toMatchObject({
      due: '2020-03-31',
      lead: ['Các sở, ban, ngành', 'UBND cấp huyện'],
    });
    expect(byRef(papi, 'IV.2.d')?.recurrence).toBe('quarterly');
    expect(byRef(papi, 'II.2.c')?.recurrence).toBe('annual');
    expect(byRef(papi, 'IV.4')?.text).toMatch(/kiểm soát tham nhũng trong khu vực công\.$/);
    const quangNgai = parsePlan(fixture('quang-ngai-par-papi-2017.txt'));
    expect(byRef(quangNgai, 'II.2.2.c.2.2')).toMatchObject({
      lead: ['UBND cấp huyện'],
      support: ['Sở Kế hoạch và Đầu tư', 'Sở Xây dựng', 'Thanh tra tỉnh'],
    });
    expect(byRef(quangNgai, 'II.2.2.b.2')?.support).toEqual(['UBND cấp huyện', 'UBND cấp xã']);
    expect(byRef(quangNgai, 'II.2.1.e.1.2')?.due).toBe('2018-01-01');
    expect(byRef(quangNgai, 'II.2.1.g.2')?.lead).toEqual([
      'Sở Tài nguyên và Môi trường',
      'UBND huyện Nghĩa Hành',
      'UBND huyện Ba Tơ',
    ]);
    // The closing formula after the last item is not part of it.
    expect(byRef(quangNgai, 'III.4')?.text).not.toMatch(/nghiêm túc triển khai/);
  });

  it('reads the targets of the CCHC plan, one per level where the plan splits them', () => {
    const { targets } = parsePlan(fixture('hung-yen-cchc-2023.txt'));
    expect(targets).toContainEqual({
      ref: 'II.2.a',
      text: 'Trên 95% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn',
      op: '>',
      value: 95,
      unit: '%',
      level: null,
    });
    expect(targets.filter((target) => target.ref === 'II.6.b').map((t) => [t.op, t.value, t.level])).toEqual([
      ['>=', 60, 'province'],
      ['>=', 50, 'district'],
      ['>=', 30, 'commune'],
    ]);
    expect(targets.filter((target) => target.ref === 'II.3.a').map((t) => t.value)).toEqual([2.5, 0.5, 1.38]);
    expect(targets.find((target) => target.ref === 'II.6.g')).toMatchObject({ op: '>=', value: 60 });
    expect(targets.find((target) => target.unit === 'hạng')).toMatchObject({
      ref: 'II',
      op: '<=',
      value: 20,
    });
    expect(targets.find((target) => target.unit === 'bậc')).toMatchObject({ op: '>=', value: 2 });
    // Objectives only: the purpose section and the "(tương ứng 15 đơn vị)" restatements add nothing.
    expect(targets.some((target) => target.unit === 'đơn vị' || target.unit === 'viên chức')).toBe(false);
  });
});

describe('parsePlan on damaged copies of the seeds', () => {
  for (const { file } of SEEDS) {
    it(`gives ${file} the same dimensions and leads without diacritics and hard-wrapped at 60 columns`, () => {
      const clean = parsePlan(fixture(file));
      const damaged = parsePlan(hardWrap(stripDiacritics(fixture(file))));
      expect(outline(damaged)).toEqual(outline(clean));
      // The number stays as written: "881/QD-UBND" once the Đ has lost its stroke.
      expect(damaged.document.number?.replace('QD', 'QĐ')).toBe(clean.document.number);
      expect(damaged.document.issuedOn).toBe(clean.document.issuedOn);
      expect(damaged.document.place).toBe(clean.document.place);
      expect(damaged.indices).toEqual(clean.indices);
      expect(damaged.targets.length).toBe(clean.targets.length);
    });

    it(`gives ${file} the same dimensions and leads through OCR damage and page furniture`, () => {
      const clean = parsePlan(fixture(file));
      const damaged = parsePlan(ocrDamage(fixture(file)));
      expect(outline(damaged)).toEqual(outline(clean));
      // A date only the signature stamp gives is offered, not taken (it may be a day later).
      expect(damaged.document.issuedOn ?? damaged.documentConfidence?.issuedOn.candidate).toBe(
        damaged.document.issuedOn ? clean.document.issuedOn : formatDateVi(clean.document.issuedOn),
      );
      expect(damaged.document.type).toBe(clean.document.type);
      expect(damaged.indices).toEqual(clean.indices);
    });
  }

  it('offers the date of the digital-signature stamp when the date line is unreadable, and says so', () => {
    const plan = parsePlan(ocrDamage(fixture('hung-yen-papi-2020.txt')));
    expect(plan.document.issuedOn).toBeNull();
    expect(plan.documentConfidence?.issuedOn).toEqual({
      level: 'unsure',
      reason: {
        vi: 'Dòng ngày tháng không đọc được; ngày ký số có thể khác ngày ban hành.',
        en: 'The date line is unreadable; the digital signature’s date may differ from the date of issue.',
      },
      candidate: '27/02/2020',
    });
    expect(plan.warnings).toContain(
      'Không đọc được dòng địa danh, ngày tháng; ngày ký số được đề xuất làm ngày ban hành.',
    );
  });
});

describe('parsePlan on a decision that assigns the work itself', () => {
  const DECISION = [
    'ỦY BAN NHÂN DÂN',
    'TỈNH THANH HÓA',
    'Số: 128/2025/QĐ-UBND',
    'Thanh Hóa, ngày 09 tháng 10 năm 2025',
    'QUYẾT ĐỊNH',
    'Về việc giao nhiệm vụ nâng cao Chỉ số cải cách hành chính năm 2025',
    '',
    'QUYẾT ĐỊNH:',
    '',
    'Điều 1. Giao nhiệm vụ cải thiện các lĩnh vực của Chỉ số CCHC như sau:',
    '1. Cải cách thể chế: Sở Tư pháp chủ trì, phối hợp với Văn phòng UBND tỉnh rà soát văn bản QPPL, hoàn thành trong quý III/2025.',
    '2. Chuyển đổi số: Sở Khoa học và Công nghệ chủ trì; định kỳ hàng tháng báo cáo UBND tỉnh.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
    'Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.',
    '',
    'KT. CHỦ TỊCH',
    'PHÓ CHỦ TỊCH',
    '',
    'Đầu Thanh Tùng',
  ].join('\n');

  it('reads items labelled with their area, and not the articles every decision carries', () => {
    const plan = parsePlan(DECISION);
    expect(plan.document).toMatchObject({
      number: '128/2025/QĐ-UBND',
      type: 'QĐ',
      issuedOn: '2025-10-09',
      issuer: 'Ủy ban nhân dân tỉnh Thanh Hóa',
      signer: 'Đầu Thanh Tùng',
    });
    expect(
      plan.tasks.map((task) => [
        task.ref,
        task.dimension,
        task.lead,
        task.support,
        task.due,
        task.recurrence,
      ]),
    ).toEqual([
      ['Điều 1.1', 'PAR.2', ['Sở Tư pháp'], ['Văn phòng UBND tỉnh'], '2025-09-30', null],
      // No deadline in a decision for 2025: the year end, marked as a default.
      ['Điều 1.2', 'PAR.7', ['Sở Khoa học và Công nghệ'], [], '2025-12-31', 'monthly'],
    ]);
    expect(plan.warnings).toContain(
      'Quyết định không có kế hoạch kèm theo: các điều của quyết định được đọc như nhiệm vụ.',
    );
  });
});

describe('a decision carrying its plan', () => {
  const QUANG_NGAI = fixture('quang-ngai-par-papi-2017.txt');
  const refs = (text: string) => parsePlan(text).tasks.map((task) => task.ref);

  it('finds the attached plan when an OCR damaged "(Ban hành kèm theo"', () => {
    const clean = refs(QUANG_NGAI);
    expect(clean).toHaveLength(71);
    expect(refs(QUANG_NGAI.replace('(Ban hành kèm theo', '(Ban hànb kèm theo'))).toEqual(clean);
    expect(refs(QUANG_NGAI.replace('(Ban hành kèm theo', '(Ban lianh kèm theo'))).toEqual(clean);
    expect(refs(QUANG_NGAI.replace('(Ban hành kèm theo', '(Ban hành kèrn tlieo'))).toEqual(clean);
  });

  it('does not take "(bản sao kèm theo)" in a task for the start of an attached plan', () => {
    const plan = [
      'KẾ HOẠCH',
      'Cải cách hành chính năm 2025',
      '',
      'II. NHIỆM VỤ',
      '1. Sở Tư pháp rà soát văn bản QPPL (bản sao kèm theo).',
      '2. Sở Nội vụ kiểm tra công vụ (bảng biểu kèm theo).',
    ].join('\n');
    expect(refs(plan)).toEqual(['II.1', 'II.2']);
  });
});
