import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse-plan.ts';
import { readRecipients } from './plan-parts.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('the parts the importer keeps around the tasks', () => {
  it('keeps the PAPI plan’s basis, purposes, organisation and recipients as written', () => {
    const parts = parsePlan(fixture('hung-yen-papi-2020.txt')).parts;
    expect(parts?.basis).toEqual([
      'Thực hiện Chỉ thị số 06/CT-CTUBND ngày 17/5/2019 của Chủ tịch Ủy ban nhân dân tỉnh về nâng cao Chỉ số hiệu quả quản trị và hành chính công (PAPI) tỉnh Hưng Yên; đồng thời nhằm khắc phục những hạn chế, tiếp tục cải thiện và nâng cao Chỉ số PAPI của tỉnh năm 2020 và những năm tiếp theo, Ủy ban nhân dân tỉnh Hưng Yên ban hành Kế hoạch nâng cao Chỉ số PAPI tỉnh Hưng Yên năm 2020 như sau:',
    ]);
    expect(parts?.purposes).toHaveLength(6);
    expect(parts?.purposes.map((line) => line.slice(0, 12))).toEqual([
      '1. Mục đích',
      'a) Cụ thể hó',
      'b) Phát huy ',
      '2. Yêu cầu',
      'a) Thủ trưởn',
      'b) Đẩy mạnh ',
    ]);
    expect(parts?.organisation).toHaveLength(10);
    expect(parts?.organisation[0]).toBe(
      '1. Các đơn vị được UBND tỉnh giao làm đầu mối tham mưu thực hiện các nhiệm vụ nâng cao hiệu quả quản trị và hành chính công tỉnh Chủ trì, tham mưu UBND tỉnh chỉ đạo, tổ chức triển khai thực hiện và theo dõi, hướng dẫn, đôn đốc, kiểm tra, tổng hợp kết quả thực hiện các nhiệm vụ đã được giao theo Kế hoạch này, báo cáo UBND tỉnh (qua Sở Nội vụ tổng hợp chung) theo quy định.',
    );
    expect(parts?.organisation[2]?.slice(0, 25)).toBe('a) Quán triệt, phổ biến đ');
    expect(parts?.recipients).toEqual([
      'Bộ Nội vụ',
      'Thường trực Tỉnh ủy',
      'UB MTTQ Việt Nam tỉnh',
      'Chủ tịch, các Phó Chủ tịch UBND tỉnh',
      'Các đoàn thể CT-XH tỉnh',
      'Các sở, ban, ngành tỉnh',
      'Bảo hiểm xã hội tỉnh',
      'Báo Hưng Yên, Đài PTTH Hưng Yên',
      'UBND huyện, thị xã, thành phố',
      'Lãnh đạo VPUBND tỉnh',
      'CV: HCTC; KSTTHC; TTPVHCC',
    ]);
  });

  it('keeps the CCHC plan’s parts, the unnumbered paragraph under "1. Mục đích" included', () => {
    const parts = parsePlan(fixture('hung-yen-cchc-2023.txt')).parts;
    expect(parts?.basis).toEqual([
      'Căn cứ Kế hoạch số 184/KH-UBND ngày 07/12/2021 của Ủy ban nhân dân tỉnh về cải cách hành chính nhà nước tỉnh Hưng Yên giai đoạn 2021-2025; Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính (CCHC) tỉnh Hưng Yên năm 2023 như sau:',
    ]);
    expect(parts?.purposes).toHaveLength(6);
    expect(parts?.purposes[0]).toBe('1. Mục đích');
    expect(parts?.purposes[1]).toMatch(
      /^Triển khai thực hiện có hiệu quả các mục tiêu, nhiệm vụ tại Nghị quyết số 76\/NQ-CP/,
    );
    expect(parts?.purposes[2]).toBe('2. Yêu cầu');
    expect(parts?.organisation).toHaveLength(44);
    expect(parts?.organisation.slice(0, 2)).toEqual([
      '1. Ban chỉ đạo cải cách hành chính tỉnh:',
      'Tham mưu giúp UBND tỉnh thực hiện công tác chỉ đạo, điều hành. Cụ thể:',
    ]);
    expect(parts?.organisation).toContain('5. Sở Tư pháp:');
    expect(parts?.recipients).toEqual([
      'Bộ Nội vụ',
      'Vụ CCHC-Bộ Nội vụ',
      'Thường trực Tỉnh ủy',
      'Thường trực HĐND tỉnh',
      'Chủ tịch, các Phó Chủ tịch UBND tỉnh',
      'Ủy ban MTTQ Việt Nam tỉnh',
      'Các Ban Đảng tỉnh',
      'Các sở, ban, ngành tỉnh',
      'Các đơn vị SNCL trực thuộc UBND tỉnh',
      'UBND các huyện, thị xã, thành phố',
      'Đài PT-TH Hưng Yên, Báo Hưng Yên',
      'Lãnh đạo Văn phòng UBND tỉnh',
      'Trung tâm PVHCC&KSTTHC',
      'Trung tâm Thông tin - Hội nghị tỉnh',
      'CV: HCQT',
    ]);
  });

  it('takes the decision’s basis for the plan it carries, and the plan’s own organisation section', () => {
    const parts = parsePlan(fixture('quang-ngai-par-papi-2017.txt')).parts;
    expect(parts?.basis).toHaveLength(3);
    expect(parts?.basis[0]).toBe(
      'Căn cứ Quyết định số 4361/QĐ-BNV ngày 28/12/2016 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án “Xác định chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ, Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương”;',
    );
    expect(parts?.basis[2]).toBe(
      'Theo đề nghị của Giám đốc Sở Nội vụ tại Công văn số 796/SNV-CCHC ngày 28/4/2017,',
    );
    expect(parts?.purposes).toHaveLength(9);
    expect(parts?.purposes[0]).toBe('1. Mục đích:');
    expect(parts?.purposes[1]).toMatch(/^- Khắc phục những tồn tại, hạn chế của năm 2016/);
    expect(parts?.organisation).toHaveLength(5);
    expect(parts?.organisation[0]).toBe(
      '1. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thành phố căn cứ chức, năng nhiệm vụ được giao và trên cơ sở nhiệm vụ, giải pháp của Kế hoạch này, xây dựng Kế hoạch cụ thể và triển khai thực hiện tại sở, ngành, địa phương mình.',
    );
    expect(parts?.recipients).toEqual([
      'Như Điều 3',
      'Bộ Nội vụ',
      'Vụ Cải cách hành chính (Bộ Nội vụ)',
      'TT Tỉnh ủy',
      'TT HĐND tỉnh',
      'CT, các PCT UBND tỉnh',
      'Ủy ban MTTQ VN tỉnh',
      'Báo Quảng Ngãi, Đài PT-TH tỉnh',
      'VPUB: PCVP, HCTC, CBTH',
    ]);
  });

  it('reads "QUAN ĐIỂM, MỤC TIÊU" as section I and an organisation section under any number', () => {
    const parts = parsePlan(
      [
        'KẾ HOẠCH',
        'Nâng cao Chỉ số PAPI năm 2024',
        '',
        'Căn cứ Chỉ thị số 06/CT-UBND ngày 17/5/2023 của Chủ tịch UBND tỉnh;',
        '',
        'Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
        '',
        'I. QUAN ĐIỂM, MỤC TIÊU',
        '1. Quan điểm',
        '- Lấy người dân làm trung tâm.',
        'II. NHIỆM VỤ',
        '1. Sở Nội vụ chủ trì rà soát thủ tục hành chính.',
        'V. TỔ CHỨC THỰC HIỆN',
        'Các sở, ngành triển khai Kế hoạch này.',
        '1. Sở Nội vụ theo dõi, báo cáo.',
      ].join('\n'),
    ).parts;
    expect(parts).toEqual({
      basis: [
        'Căn cứ Chỉ thị số 06/CT-UBND ngày 17/5/2023 của Chủ tịch UBND tỉnh;',
        'Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
      ],
      purposes: ['1. Quan điểm', '- Lấy người dân làm trung tâm.'],
      organisation: ['Các sở, ngành triển khai Kế hoạch này.', '1. Sở Nội vụ theo dõi, báo cáo.'],
      recipients: [],
    });
  });

  it('leaves the parts out of a text that has none', () => {
    const plan = parsePlan(
      '1. Sở Nội vụ chủ trì rà soát thủ tục hành chính, hoàn thành trước ngày 31/3/2024.',
    );
    expect(plan.tasks).toHaveLength(1);
    expect(plan.parts).toBeNull();
  });

  it('joins a recipient wrapped onto the next line and stops at the signature', () => {
    expect(
      readRecipients([
        'Nơi nhận:',
        '- Bộ Nội vụ;',
        '- Ủy ban nhân dân các huyện, thị xã,',
        'thành phố;',
        '- Lưu: VT, NC.',
        'TM. ỦY BAN NHÂN DÂN',
        '- Không phải người nhận;',
      ]),
    ).toEqual(['Bộ Nội vụ', 'Ủy ban nhân dân các huyện, thị xã, thành phố']);
  });
});
