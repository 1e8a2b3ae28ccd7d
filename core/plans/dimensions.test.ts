import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ocrConfusions, seededRng } from './corpus/degrade.ts';
import { DIMENSION_TABLE } from './dimension-table.ts';
import { citedDimensions, headingDimensions, pickDimension } from './dimensions.ts';
import { toMatchText } from './match-key.ts';

const heading = (title: string, context: 'PAPI' | 'PAR_INDEX' | null = null) =>
  headingDimensions(toMatchText(title), context, ['PAR_INDEX', 'PAPI']);

describe('headingDimensions', () => {
  it('maps the PAPI content headings', () => {
    expect(heading('Đối với nội dung “Tham gia của người dân ở cấp cơ sở”')).toEqual(['PAPI.1']);
    expect(
      heading('Đối với nội dung “Công khai, minh bạch trong việc ra quyết định của địa phương”'),
    ).toEqual(['PAPI.2']);
    expect(heading('Đối với nội dung “Thủ tục hành chính công”')).toEqual(['PAPI.5']);
    expect(heading('Đối với nội dung “Cung ứng dịch vụ hành chính công”')).toEqual(['PAPI.6']);
    expect(heading('Đối với nội dung “Công khai, minh bạch”', 'PAPI')).toEqual(['PAPI.2']);
  });

  it('maps current PAR areas and the 2017 PAR criteria onto the same codes', () => {
    expect(heading('Cải cách thủ tục hành chính (TTHC):')).toEqual(['PAR.3']);
    expect(heading('Xây dựng và phát triển Chính quyền điện tử, Chính quyền số:')).toEqual(['PAR.7']);
    expect(heading('Đối với tiêu chí “Hiện đại hóa hành chính”:')).toEqual(['PAR.7']);
    expect(heading('Đối với tiêu chí “Thực hiện cơ chế một cửa, cơ chế một cửa liên thông”:')).toEqual([
      'PAR.3',
    ]);
    expect(
      heading('Đối với tiêu chí “Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức”:'),
    ).toEqual(['PAR.5']);
    expect(
      heading(
        'Đối với tiêu chí “Xây dựng và tổ chức thực hiện văn bản QPPL tại tỉnh”; tiêu chí “Cải cách TTHC”:',
      ),
    ).toEqual(['PAR.2', 'PAR.3']);
    expect(heading('Nhiệm vụ chung:')).toEqual([]);
  });

  it('reads headings without diacritics or with OCR digits for letters', () => {
    expect(heading('Doi voi noi dung "Quan tri moi truong"')).toEqual(['PAPI.7']);
    expect(heading('Đ6i với n6i dung “Kiểm s0át tham nhũng trong khu vực c6ng”')).toEqual(['PAPI.4']);
    expect(heading('CAI CACH CHE DO CONG VU')).toEqual(['PAR.5']);
  });

  it('reads a heading whose letters an OCR took for look-alikes, only when the exact words find nothing', () => {
    expect(heading('Đối với nội dung “Kiểrn soát tliam nhũng trong khu vực công”')).toEqual(['PAPI.4']);
    expect(heading('Đối với tiêu clií “Cải cácb tổ chức bộ máy hành cbính”:')).toEqual(['PAR.4']);
    expect(heading('Đối với tiêu chí “Hiện đại lióa hành chính”:')).toEqual(['PAR.7']);
    expect(heading('Nhiệm vụ cliung:')).toEqual([]);
  });
});

describe('pickDimension and citedDimensions', () => {
  it('tells apart two dimensions named by one heading from the task words', () => {
    const both = ['PAR.2', 'PAR.3'] as const;
    expect(
      pickDimension([...both], toMatchText('Tham mưu kế hoạch rà soát, hệ thống hóa văn bản QPPL hàng năm.')),
    ).toBe('PAR.2');
    expect(
      pickDimension(
        [...both],
        toMatchText('Cập nhật TTHC và các văn bản quy định về TTHC vào Cơ sở dữ liệu.'),
      ),
    ).toBe('PAR.3');
  });

  it('finds the dimensions a sentence cites by full name', () => {
    const cited = (text: string) =>
      citedDimensions(toMatchText(text), ['PAPI']).map((citation) => citation.code);
    expect(
      cited(
        'báo cáo kết quả (trong nội dung “Công khai, minh bạch trong việc ra quyết định”) và nội dung “Quản trị môi trường”',
      ),
    ).toEqual(['PAPI.2', 'PAPI.7']);
    expect(cited('thực hiện quy chế dân chủ ở cơ sở')).toEqual([]);
  });
});

describe('dimension headings under OCR damage', () => {
  // Every name a heading may give a dimension, as PAPI and PAR plans write their headings.
  const headings = DIMENSION_TABLE.flatMap((entry) =>
    entry.names.map((name) => ({
      code: entry.code,
      context: entry.index,
      text:
        entry.index === 'PAPI' ? `Đối với nội dung “${name}”` : `${name[0]?.toUpperCase()}${name.slice(1)}:`,
    })),
  );

  it('are recognised whatever look-alikes an OCR put in their words', () => {
    fc.assert(
      fc.property(fc.constantFrom(...headings), fc.integer({ min: 0, max: 1_000_000 }), (entry, seed) => {
        // A third of the words damaged: far more than a readable scan.
        const damaged = ocrConfusions(entry.text, seededRng(seed), 0.33);
        expect([damaged, heading(damaged, entry.context)]).toEqual([damaged, [entry.code]]);
      }),
      { numRuns: 400, seed: 18 },
    );
  });
});
