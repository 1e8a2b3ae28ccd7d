import { describe, expect, it } from 'vitest';
import { agencyKey } from './agency-key.ts';
import { departmentSuccessor } from './department-successors.ts';

describe('agencyKey', () => {
  it('writes "Ủy ban nhân dân", "Hội đồng nhân dân" and a leading "Trung tâm" as documents abbreviate them', () => {
    expect(agencyKey('Văn phòng UBND tỉnh')).toBe('van phong ubnd tinh');
    expect(agencyKey('Văn phòng Ủy ban nhân dân tỉnh')).toBe('van phong ubnd tinh');
    expect(agencyKey('Văn phòng Uỷ ban Nhân dân  tỉnh')).toBe('van phong ubnd tinh');
    expect(agencyKey('Văn phòng Đoàn ĐBQH và HĐND tỉnh')).toBe(
      agencyKey('Văn phòng Đoàn ĐBQH và Hội đồng nhân dân tỉnh'),
    );
    expect(agencyKey('TT Phục vụ hành chính công tỉnh')).toBe(
      agencyKey('Trung tâm Phục vụ hành chính công tỉnh'),
    );
  });

  it('keeps apart what is not the same unit', () => {
    expect(agencyKey('Sở TT&TT')).toBe('so tt tt');
    expect(agencyKey('Văn phòng HĐND tỉnh')).not.toBe(agencyKey('Văn phòng UBND tỉnh'));
    expect(agencyKey('Trung tâm Y tế huyện')).not.toBe(agencyKey('Y tế huyện'));
  });

  it('reads a district or a commune named by its committee as the unit', () => {
    expect(agencyKey('UBND huyện Tiên Lữ')).toBe(agencyKey('Huyện Tiên Lữ'));
    expect(agencyKey('Ủy ban nhân dân thành phố Hưng Yên')).toBe(agencyKey('Thành phố Hưng Yên'));
    expect(agencyKey('UBND thị xã Mỹ Hào')).toBe('thi xa my hao');
    expect(agencyKey('UBND phường Hiến Nam')).toBe('phuong hien nam');
    expect(agencyKey('UBND xã Vũ Phúc')).toBe('xa vu phuc');
    expect(agencyKey('UBND đặc khu Phú Quý')).toBe('dac khu phu quy');
  });

  it('ignores dashes, ampersands and spacing', () => {
    expect(agencyKey('Sở Lao động – Thương binh và Xã hội')).toBe(
      agencyKey('Sở Lao động - Thương binh và Xã hội'),
    );
    expect(agencyKey('Sở Lao động-Thương binh và Xã hội')).toBe('so lao dong thuong binh va xa hoi');
  });
});

describe('departmentSuccessor (Nghị định 45/2025/NĐ-CP)', () => {
  it('names today’s department for each one reorganised in 2025', () => {
    const now = (name: string) => departmentSuccessor(name)?.now ?? null;
    expect(now('Sở Tài nguyên và Môi trường')).toBe('Sở Nông nghiệp và Môi trường');
    expect(now('Sở Nông nghiệp và Phát triển nông thôn')).toBe('Sở Nông nghiệp và Môi trường');
    expect(now('Sở Thông tin và Truyền thông')).toBe('Sở Khoa học và Công nghệ');
    expect(now('Sở Kế hoạch và Đầu tư')).toBe('Sở Tài chính');
    expect(now('Sở Giao thông vận tải')).toBe('Sở Xây dựng');
    expect(now('Sở Lao động – Thương binh và Xã hội')).toBe('Sở Nội vụ');
    expect(now('Ban Dân tộc')).toBe('Sở Dân tộc và Tôn giáo');
    expect(now('Ban Dân tộc tỉnh')).toBe('Sở Dân tộc và Tôn giáo');
    expect(departmentSuccessor('Sở Lao động - Thương binh và Xã hội')?.note?.vi).toBe(
      'giáo dục nghề nghiệp chuyển sang Sở Giáo dục và Đào tạo; bảo trợ xã hội, trẻ em chuyển sang Sở Y tế',
    );
  });

  it('knows nothing of a department still in force or one reorganised differently by province', () => {
    for (const name of ['Sở Nội vụ', 'Sở Tài chính', 'Sở Ngoại vụ', 'Sở Du lịch', 'UBND tỉnh'])
      expect(departmentSuccessor(name), name).toBeNull();
  });
});
