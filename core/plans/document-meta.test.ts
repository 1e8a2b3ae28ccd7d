import { describe, expect, it } from 'vitest';
import { readDocumentMeta } from './document-meta.ts';
import { documentTypeOf } from './document-number.ts';
import { cleanLines } from './normalise.ts';
import { bodyName } from './signatories.ts';

function meta(text: string, preamble: string[] = []) {
  const warnings: string[] = [];
  const { document, confidence, planYear } = readDocumentMeta(cleanLines(text), preamble, warnings);
  return { document, confidence, planYear, warnings };
}

describe('document type and number', () => {
  it('tells the types apart the way Nghị định 30/2020 writes them', () => {
    expect(documentTypeOf('CT')).toBe('CT');
    expect(documentTypeOf('CTr')).toBe('CTr');
    expect(documentTypeOf('QyĐ')).toBe('QyĐ');
    expect(documentTypeOf('TTr')).toBe('TTr');
    expect(documentTypeOf('QD')).toBe('QĐ');
    expect(documentTypeOf('UBND')).toBeNull();
  });

  it('reads numbers with a year, glued symbols and công văn', () => {
    expect(meta('Số: 128/2025/QĐ-UBND').document).toMatchObject({ number: '128/2025/QĐ-UBND', type: 'QĐ' });
    expect(meta('Số: 1961/QĐUBND').document).toMatchObject({ number: '1961/QĐ-UBND', type: 'QĐ' });
    expect(meta('Số: 12 /CTr-UBND').document).toMatchObject({ number: '12/CTr-UBND', type: 'CTr' });
    expect(meta('Số: 2231/SNV-CCHC&PC\nV/v triển khai Chỉ số CCHC năm 2024').document).toMatchObject({
      number: '2231/SNV-CCHC&PC',
      type: 'CV',
      title: 'triển khai Chỉ số CCHC năm 2024',
    });
  });
});

describe('readDocumentMeta', () => {
  const header = [
    'UBND TỈNH HƯNG YÊN',
    'SỞ NỘI VỤ',
    '',
    'Số: 15/KH-SNV',
    '',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '',
    'Hung Yen, ngay 05 thang 01 nam 2021',
    '',
    'KẾ HOẠCH',
    'Nâng cao Chỉ số CCHC của Sở Nội vụ',
    'năm 2021',
    '',
    'Căn cứ Quyết định số 1/QĐ-UBND;',
  ];

  it('reads the issuing body under its parent, the place without diacritics, and the title block', () => {
    const { document, planYear, warnings } = meta(
      [...header, '', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', '', 'Trần Văn Bình'].join('\n'),
    );
    expect(document).toEqual({
      number: '15/KH-SNV',
      type: 'KH',
      issuedOn: '2021-01-05',
      place: 'Hưng Yên',
      issuer: 'Sở Nội vụ tỉnh Hưng Yên',
      signer: 'Trần Văn Bình',
      title: 'Nâng cao Chỉ số CCHC của Sở Nội vụ năm 2021',
    });
    expect(planYear).toBe(2021);
    expect(warnings).toEqual([]);
  });

  it('falls back to a metadata header for the date when the date line is damaged, and says so', () => {
    const damaged = header.map((line) =>
      line.startsWith('Hung Yen') ? 'Hưng Yên, ngày ... tháng ... năm 2021' : line,
    );
    const { document, warnings } = meta(['---', 'Ngày ban hành: 05/01/2021', '---', ...damaged].join('\n'));
    expect(document.issuedOn).toBe('2021-01-05');
    expect(document.place).toBe('Hưng Yên');
    expect(warnings).toEqual([
      'Không đọc được dòng địa danh, ngày tháng; ngày ban hành lấy từ phần thông tin đầu tệp.',
    ]);
    expect(meta('Số: 3/KH-UBND').warnings).toContain('Không tìm thấy ngày ban hành.');
  });

  it('names the committee from the preamble or the signature block when there is no header', () => {
    const body =
      'Số: 29/KH-UBND\n\nHà Nội, ngày 10 tháng 3 năm 2020\n\nKẾ HOẠCH\nCải cách hành chính năm 2020';
    expect(meta(body, ['Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:']).document.issuer).toBe(
      'Ủy ban nhân dân thành phố Hà Nội',
    );
    // The signature block only suggests the committee: the field stays empty, the guess offered.
    const signed = meta(`${body}\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A`);
    expect(signed.document).toMatchObject({ issuer: null, signer: 'Nguyễn Văn A' });
    expect(signed.confidence.issuer).toEqual({
      level: 'unsure',
      reason: {
        vi: 'Không có tên cơ quan ở đầu văn bản; đoán từ khối chữ ký và địa danh.',
        en: 'No issuer in the header; guessed from the signature block and the place.',
      },
      candidate: 'Ủy ban nhân dân thành phố Hà Nội',
    });
  });

  it('writes body names in sentence case with the place spelt properly', () => {
    expect(bodyName('ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI')).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(bodyName('UY BAN NHAN DAN TINH QUANG NGAI')).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(bodyName('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(bodyName('ỦY BAN NHÂN DÂN HUYỆN KIM ĐỘNG')).toBe('Ủy ban nhân dân huyện Kim Động');
  });
});
