import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { categoryCodeFor, planCategories } from './categories.ts';

describe('category codes', () => {
  it('folds the Vietnamese name to a-z, 0-9 and "_", unique against the codes taken', () => {
    expect(categoryCodeFor('Đường & cầu (giao thông)', new Set())).toBe('duong_cau_giao_thong');
    expect(categoryCodeFor('Ô nhiễm', new Set(['o_nhiem', 'o_nhiem_2']))).toBe('o_nhiem_3');
    expect(categoryCodeFor('…', new Set())).toBe('linh_vuc');
    expect(categoryCodeFor('a'.repeat(80), new Set())).toHaveLength(50);
  });
});

describe('planning a saved list', () => {
  const stored = [
    { code: 'land', nameVi: 'Đất đai', nameEn: 'Land', isActive: true, used: true },
    { code: 'spare', nameVi: 'Dự phòng', nameEn: 'Spare', isActive: true, used: false },
  ];
  it('orders, adds and deletes the unused ones left out', () => {
    const plan = planCategories(
      [
        { code: null, key: 'k', nameVi: 'Giao thông', nameEn: ' ', isActive: true },
        { code: 'land', nameVi: 'Đất  đai', nameEn: 'Land', isActive: false },
      ],
      stored,
    );
    expect(plan).toEqual({
      rows: [
        { code: 'giao_thong', nameVi: 'Giao thông', nameEn: 'Giao thông', position: 1, isActive: true },
        { code: 'land', nameVi: 'Đất đai', nameEn: 'Land', position: 2, isActive: false },
      ],
      inserted: ['giao_thong'],
      deleted: ['spare'],
      created: [{ key: 'k', code: 'giao_thong' }],
    });
  });
  it('refuses a used category left out, and a list with nothing active', () => {
    const refusal = (lines: Parameters<typeof planCategories>[0]) => {
      try {
        planCategories(lines, stored);
      } catch (error) {
        return error instanceof AppError ? error.text.vi : String(error);
      }
      return 'accepted';
    };
    expect(refusal([{ code: 'spare', nameVi: 'Dự phòng', isActive: true }])).toBe(
      'Lĩnh vực "Đất đai" đã có phản ánh hoặc dòng phân công dùng đến nên không xóa được: hãy cho thôi dùng.',
    );
    expect(refusal([{ code: 'land', nameVi: 'Đất đai', isActive: false }])).toBe(
      'Phải còn ít nhất một lĩnh vực đang dùng để người dân chọn.',
    );
    expect(
      refusal([
        { code: 'land', nameVi: 'Đất đai', isActive: true },
        { code: 'land', nameVi: 'Đất', isActive: true },
      ]),
    ).toBe('Dòng 2: lĩnh vực này không còn trong danh sách (có thể người khác vừa xóa): hãy tải lại trang.');
  });
});
