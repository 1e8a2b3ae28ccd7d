import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse-plan.ts';
import { extractTables, taskColumns } from './tables.ts';

const PLAN = `Số: 45/KH-UBND

Kim Động, ngày 15 tháng 3 năm 2024

KẾ HOẠCH
Cải thiện Chỉ số CCHC năm 2024

I. NHIỆM VỤ CỤ THỂ

| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| I | Cải cách thủ tục hành chính | | | |
| 1 | Rà soát, công bố danh mục TTHC | Văn phòng HĐND và UBND | Phòng Tư pháp | Quý I/2024 |
| 2 | Xin lỗi người dân khi hồ sơ trễ hạn | UBND các xã, thị trấn | | Thường xuyên |
| II | Cải cách tổ chức bộ máy | | | |
| 1 | Rà soát vị trí việc làm | Phòng Nội vụ | Các phòng chuyên môn | Tháng 6/2024 |
| 2 | Báo cáo kết quả thực hiện | Phòng Nội vụ | | Hằng quý |

II. TỔ CHỨC THỰC HIỆN

Phòng Nội vụ chủ trì theo dõi, đôn đốc thực hiện Kế hoạch này./.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Nam

PHỤ LỤC I

| TT | Nhiệm vụ | Đơn vị thực hiện | Thời gian |
|---|---|---|---|
| 1 | Số hóa kết quả giải quyết TTHC | Văn phòng HĐND và UBND | Năm 2024 |
`;

describe('task tables', () => {
  it('recognises a task table by its header, and leaves other tables as text', () => {
    expect(
      taskColumns([
        'STT',
        'Nội dung nhiệm vụ',
        'Cơ quan chủ trì',
        'Cơ quan phối hợp',
        'Thời gian hoàn thành',
      ]),
    ).toEqual({
      ref: 0,
      task: 1,
      lead: 2,
      support: 3,
      due: 4,
    });
    expect(taskColumns(['Chỉ tiêu', 'Năm 2023', 'Năm 2024'])).toBeNull();
    const { lines, tables } = extractTables([
      '| CV | Số..... |',
      '| --- | --- |',
      '| ĐẾN | Ngày 12/5/2017 |',
    ]);
    expect(tables).toEqual([]);
    expect(lines[0]).toBe('| CV | Số..... |');
  });

  it('makes one task per row, with the group row as dimension and the columns as units and dates', () => {
    const plan = parsePlan(PLAN);
    expect(
      plan.tasks.map((task) => [
        task.ref,
        task.dimension,
        task.lead,
        task.support,
        task.due,
        task.dueDefaulted ?? false,
        task.recurrence,
      ]),
    ).toEqual([
      ['I.I.1', 'PAR.3', ['Văn phòng HĐND và UBND'], ['Phòng Tư pháp'], '2024-03-31', false, null],
      // "Thường xuyên" is a recurrence; with no date the task of a 2024 plan is due at the year end.
      ['I.I.2', 'PAR.3', ['UBND cấp xã'], [], '2024-12-31', true, 'continuous'],
      ['I.II.1', 'PAR.4', ['Phòng Nội vụ'], ['Các phòng chuyên môn'], '2024-06-30', false, null],
      ['I.II.2', 'PAR.4', ['Phòng Nội vụ'], [], '2024-12-31', true, 'quarterly'],
      ['II', null, ['Phòng Nội vụ'], [], '2024-12-31', true, null],
      // "Năm 2024" in the column is the document's own deadline, not a default.
      ['PLI.1', null, ['Văn phòng HĐND và UBND'], [], '2024-12-31', false, null],
    ]);
    expect(plan.tasks[0]?.text).toBe('Rà soát, công bố danh mục TTHC');
  });
});
