import { describe, expect, it } from 'vitest';
import { findTargets } from './targets.ts';

const objective = (text: string) => findTargets(text, { ref: 'II.1', isObjective: true });
const task = (text: string) => findTargets(text, { ref: 'III.2', isObjective: false });
const brief = (text: string, read = objective) => read(text).map((t) => [t.op, t.value, t.unit, t.level]);

describe('findTargets', () => {
  it('reads operators from the words around the figure', () => {
    expect(brief('Trên 95% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn')).toEqual([
      ['>', 95, '%', null],
    ]);
    expect(brief('tỷ lệ hồ sơ giải quyết trực tuyến đạt từ 60% trở lên')).toEqual([['>=', 60, '%', null]]);
    expect(brief('mức độ hài lòng đạt tối thiểu 90%')).toEqual([['>=', 90, '%', null]]);
    expect(brief('không quá 2% hồ sơ trễ hạn')).toEqual([['<=', 2, '%', null]]);
    expect(brief('tỷ lệ hồ sơ trễ hạn dưới 1,5%')).toEqual([['<', 1.5, '%', null]]);
    expect(brief('100% văn bản QPPL được cập nhật')).toEqual([['=', 100, '%', null]]);
    expect(brief('80% hồ sơ TTHC trả kết quả trước hạn')).toEqual([['>=', 80, '%', null]]);
  });

  it('splits a clause that gives one figure per level', () => {
    const targets = objective(
      '60% hồ sơ công việc tại cấp tỉnh, 50% hồ sơ công việc tại cấp huyện và 30% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng.',
    );
    expect(targets.map((t) => [t.value, t.level])).toEqual([
      [60, 'province'],
      [50, 'district'],
      [30, 'commune'],
    ]);
    expect(new Set(targets.map((t) => t.text)).size).toBe(1);
    expect(brief('100% văn bản do cấp tỉnh, cấp huyện, cấp xã ban hành đảm bảo trình tự')).toEqual([
      ['=', 100, '%', null],
    ]);
  });

  it('reads one target per clause, counts with their unit, ranks and ranges, not restatements', () => {
    expect(brief('Trên 95% hồ sơ đúng hạn; phấn đấu 80% hồ sơ trước hạn.')).toEqual([
      ['>', 95, '%', null],
      ['>=', 80, '%', null],
    ]);
    expect(brief('giảm tối thiểu 2,5% số lượng đơn vị sự nghiệp công lập (tương ứng 15 đơn vị)')).toEqual([
      ['>=', 2.5, '%', null],
    ]);
    expect(brief('Chỉ số PAPI nằm trong nhóm 20 địa phương dẫn đầu cả nước')).toEqual([
      ['<=', 20, 'hạng', null],
    ]);
    expect(brief('Vị trí xếp hạng Chỉ số PCI tăng từ 2 đến 5 bậc')).toEqual([['>=', 2, 'bậc', null]]);
    expect(brief('tiếp nhận tối thiểu 1.000 hồ sơ trực tuyến')).toEqual([['>=', 1000, 'hồ sơ', null]]);
    expect(brief('hệ thống được bảo vệ theo mô hình 4 lớp')).toEqual([]);
  });

  it('outside the objectives, needs a target word before a figure', () => {
    expect(brief('tổ chức kiểm tra tại ít nhất 30% các cơ quan chuyên môn', task)).toEqual([
      ['>=', 30, '%', null],
    ]);
    expect(brief('kết nối ở tất cả các cơ quan cấp tỉnh, cấp huyện và 70% cấp xã', task)).toEqual([]);
    expect(brief('Đảm bảo 100% cán bộ sử dụng thư điện tử công vụ', task)).toEqual([['=', 100, '%', null]]);
  });
});
