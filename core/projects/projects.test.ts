import { describe, expect, it } from 'vitest';
import { workdayCalendar } from '../periods/workdays.ts';
import { checkAccounts, formatDong, progressIssue, projectBooks, publicContributors } from './books.ts';
import { parseWhole, validateContributionRows } from './contribution-import.ts';
import { editProjectSchema, noticeSchema } from './project-schemas.ts';
import { adoptionRuleOn, adoptionVerdict, answerTiming, boardIssues, formatShare } from './rules.ts';

const calendar = workdayCalendar();

describe('the households’ decision adopting a project', () => {
  it('needs at least two thirds of all households from 01/07/2023, decided in whole numbers', () => {
    expect(adoptionVerdict({ decidedOn: '2026-03-10', households: 150, agreed: 100 }).verdict).toBe(
      'adopted',
    );
    expect(adoptionVerdict({ decidedOn: '2026-03-10', households: 150, agreed: 99 }).verdict).toBe(
      'not_adopted',
    );
    // 2/3 of 100 is 66.67: 67 reach it, 66 do not.
    expect(adoptionVerdict({ decidedOn: '2026-03-10', households: 100, agreed: 67 }).verdict).toBe('adopted');
    expect(adoptionVerdict({ decidedOn: '2026-03-10', households: 100, agreed: 66 }).verdict).toBe(
      'not_adopted',
    );
    expect(adoptionVerdict({ decidedOn: '2026-03-10', households: 100, agreed: 66 }).rule?.basis).toBe(
      'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 21 khoản 1',
    );
  });

  it('ships no rule before the law came into force, and gives no verdict on an incomplete vote', () => {
    expect(adoptionRuleOn('2023-06-30')).toBeNull();
    expect(adoptionRuleOn('2023-07-01')?.numerator).toBe(2);
    expect(adoptionVerdict({ decidedOn: '2022-05-01', households: 10, agreed: 10 }).verdict).toBe('no_rule');
    expect(adoptionVerdict({ decidedOn: '2026-01-01', households: null, agreed: 10 }).verdict).toBe(
      'incomplete',
    );
    expect(adoptionVerdict({ decidedOn: null, households: 10, agreed: 10 }).verdict).toBe('incomplete');
  });

  it('writes the share with one decimal and a decimal comma', () => {
    expect(formatShare(125, 150)).toBe('83,3%');
    expect(formatShare(2, 3)).toBe('66,7%');
    expect(formatShare(150, 150)).toBe('100%');
    expect(formatShare(1, 0)).toBe('—');
  });
});

describe('the commune’s answer to the supervision board', () => {
  it('is due 15 calendar days after receipt, moved to the next working day when that is a day off', () => {
    // Received Monday 02/11/2026: due Tuesday 17/11/2026.
    expect(
      answerTiming(
        { receivedOn: '2026-11-02', hasRecommendation: true, answeredOn: null },
        '2026-11-17',
        calendar,
      ),
    ).toEqual({
      state: 'waiting',
      dueOn: '2026-11-17',
      basis: 'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 45 khoản 2 điểm c',
    });
    expect(
      answerTiming(
        { receivedOn: '2026-11-02', hasRecommendation: true, answeredOn: null },
        '2026-11-18',
        calendar,
      ).state,
    ).toBe('overdue');
    // Received Friday 06/11/2026: the 15th day is Saturday 21/11, so Monday 23/11.
    expect(
      answerTiming(
        { receivedOn: '2026-11-06', hasRecommendation: true, answeredOn: '2026-11-23' },
        '2026-12-01',
        calendar,
      ),
    ).toMatchObject({ state: 'in_time', dueOn: '2026-11-23' });
    expect(
      answerTiming(
        { receivedOn: '2026-11-06', hasRecommendation: true, answeredOn: '2026-11-24' },
        '2026-12-01',
        calendar,
      ).state,
    ).toBe('late');
  });

  it('counts working days over the holiday calendar where a rule says so (a province’s stricter rule)', () => {
    const rules = [
      {
        days: 5,
        unit: 'workdays' as const,
        from: '2026-01-01',
        to: null,
        basis: 'Quy chế của tỉnh',
        source: 'unconfirmed' as const,
      },
    ];
    // Received Tuesday 28/04/2026: 30/04 and 01/05 are holidays, 02–03/05 the weekend: the 5th working day is 07/05.
    expect(
      answerTiming(
        { receivedOn: '2026-04-28', hasRecommendation: true, answeredOn: null },
        '2026-05-07',
        calendar,
        rules,
      ),
    ).toEqual({
      state: 'waiting',
      dueOn: '2026-05-07',
      basis: 'Quy chế của tỉnh',
    });
  });

  it('asks no answer of a record without a recommendation, and none before the law', () => {
    expect(
      answerTiming(
        { receivedOn: '2026-11-02', hasRecommendation: false, answeredOn: null },
        '2027-01-01',
        calendar,
      ),
    ).toEqual({
      state: 'not_required',
      dueOn: null,
      basis: null,
    });
    expect(
      answerTiming(
        { receivedOn: '2023-01-02', hasRecommendation: true, answeredOn: null },
        '2027-01-01',
        calendar,
      ).state,
    ).toBe('no_rule');
  });
});

describe('the supervision board', () => {
  it('names what its composition lacks', () => {
    const five = [
      { role: 'head', side: 'front' },
      { role: 'deputy', side: 'inspection' },
      { role: 'member', side: 'residents' },
      { role: 'member', side: 'residents' },
      { role: 'member', side: 'residents' },
    ] as const;
    expect(boardIssues(five)).toEqual([]);
    expect(boardIssues(five.slice(1)).map((issue) => issue.vi)).toEqual([
      'Ban có 4 thành viên: cần ít nhất 05 (Luật 10/2022, Điều 41).',
      'Ban cần đúng một Trưởng ban (hiện có 0).',
    ]);
    const crowded = [
      ...five,
      { role: 'deputy', side: 'residents' },
      { role: 'deputy', side: 'residents' },
      { role: 'member', side: 'residents' },
    ] as const;
    expect(boardIssues(crowded).map((issue) => issue.vi)).toEqual([
      'Không quá 02 Phó Trưởng ban (hiện có 3) — Nghị định 59/2023, Điều 17.',
      'Không quá 05 đại diện người dân (hiện có 6) — Nghị định 59/2023, Điều 17.',
    ]);
  });
});

describe('the books', () => {
  const contributions = [
    { household: 'Nguyễn Văn An', kind: 'money', quantity: 2_000_000, value: null, consent: true },
    { household: 'Trần Thị Bình', kind: 'money', quantity: 1_500_000, value: null, consent: false },
    { household: 'trần thị bình ', kind: 'labour', quantity: 5, value: 1_000_000, consent: false },
    { household: 'Lê Văn Cường', kind: 'land', quantity: 40, value: 20_000_000, consent: false },
  ] as const;

  it('keeps money, land and labour apart and balances cash receipts against payments', () => {
    const books = projectBooks({
      contributions,
      receipts: [
        { source: 'state_budget', amount: 300_000_000 },
        { source: 'sponsors', amount: 10_000_000 },
      ],
      payments: [{ amount: 250_000_000 }, { amount: 12_345_678 }],
    });
    expect(books).toEqual({
      receipts: { state_budget: 300_000_000, sponsors: 10_000_000, other: 0, residents: 3_500_000 },
      cashIn: 313_500_000,
      cashOut: 262_345_678,
      balance: 51_154_322,
      land: { area: 40, value: 20_000_000, households: 1 },
      labour: { days: 5, value: 1_000_000, households: 1 },
      households: 3,
    });
  });

  it('refuses a fraction of a đồng', () => {
    expect(() =>
      projectBooks({ contributions: [], receipts: [{ source: 'other', amount: 0.5 }], payments: [] }),
    ).toThrow(/whole number/);
  });

  it('names a contributor only with their consent, and counts the others as households', () => {
    const shown = publicContributors(contributions);
    expect(shown.named).toEqual([{ name: 'Nguyễn Văn An', kind: 'money', quantity: 2_000_000, value: null }]);
    expect(shown.unnamed).toEqual({ households: 2, money: 1_500_000, land: 40, labour: 5 });
    expect(JSON.stringify(shown)).not.toContain('Bình');
    expect(JSON.stringify(shown)).not.toContain('Cường');
  });

  it('checks the final accounts against the books', () => {
    expect(
      checkAccounts(
        { receipts: 313_500_000, payments: 262_345_678 },
        { cashIn: 313_500_000, cashOut: 262_345_678 },
      ),
    ).toEqual({
      isConsistent: true,
      balance: 51_154_322,
      issues: [],
    });
    const off = checkAccounts(
      { receipts: 313_000_000, payments: 262_345_678 },
      { cashIn: 313_500_000, cashOut: 262_345_678 },
    );
    expect(off.isConsistent).toBe(false);
    expect(off.balance).toBe(50_654_322);
    expect(off.issues.map((issue) => issue.vi)).toEqual([
      'Tổng thu quyết toán 313.000.000 đồng khác sổ thu 313.500.000 đồng (chênh -500.000 đồng).',
    ]);
  });

  it('writes đồng with dots between thousands and checks progress against the state', () => {
    expect(formatDong(1_250_000)).toBe('1.250.000 đồng');
    expect(formatDong(0)).toBe('0 đồng');
    expect(formatDong(-500)).toBe('-500 đồng');
    expect(progressIssue('completed', 90)?.vi).toBe('Công trình đã hoàn thành thì tiến độ phải là 100%.');
    expect(progressIssue('building', 40)).toBeNull();
    expect(progressIssue('preparing', 10)?.en).toBe('A work still being prepared is at 0% progress.');
  });
});

describe('the forms', () => {
  it('refuses more households agreeing than asked, and an answer without its date', () => {
    const project = editProjectSchema.safeParse({
      name: 'Đường thôn',
      households: 10,
      agreed: 11,
      version: 1,
    });
    expect(project.success).toBe(false);
    expect(project.error?.issues[0]?.path).toEqual(['agreed']);
    const ok = editProjectSchema.parse({
      name: ' Đường  thôn ',
      decidedOn: '10/03/2026',
      households: 10,
      agreed: 7,
      version: 1,
    });
    expect(ok).toMatchObject({
      name: 'Đường thôn',
      decidedOn: '2026-03-10',
      budgetResidents: 0,
      status: 'preparing',
    });
    const notice = noticeSchema.safeParse({
      kind: 'notice',
      receivedOn: '02/11/2026',
      finding: 'Thiếu xi măng',
      answer: 'Đã bổ sung',
    });
    expect(notice.success).toBe(false);
    expect(notice.error?.issues[0]?.message).toBe('Câu trả lời của UBND xã cần cả ngày trả lời và nội dung.');
  });
});

describe('importing contributions', () => {
  const headers = [
    'Chủ hộ',
    'Thôn, tổ dân phố',
    'Hình thức',
    'Số lượng',
    'Giá trị quy ra tiền (đồng)',
    'Ngày đóng góp',
    'Đồng ý công khai tên',
  ];

  it('reads whole numbers with dots between thousands', () => {
    expect(parseWhole('1.250.000')).toBe(1_250_000);
    expect(parseWhole('1 250 000')).toBe(1_250_000);
    expect(parseWhole('12,5')).toBeNull();
    expect(parseWhole('abc')).toBeNull();
  });

  it('reads every row, whatever the diacritics of the titles and kinds', () => {
    const { lines, issues } = validateContributionRows(
      ['chu ho', 'thon', 'HINH THUC', 'so luong', 'gia tri', 'ngay dong gop', 'cong khai ten'],
      [
        ['Nguyễn Văn An', 'Thôn Đông', 'Tiền', '2.000.000', '', '05/03/2026', 'Có'],
        ['Trần Thị Bình', '', 'ngay cong', '5', '1.000.000', '2026-03-06', ''],
        ['', '', '', '', '', '', ''],
      ],
    );
    expect(issues).toEqual([]);
    expect(lines).toEqual([
      {
        row: 2,
        household: 'Nguyễn Văn An',
        village: 'Thôn Đông',
        kind: 'money',
        quantity: 2_000_000,
        value: null,
        contributedOn: '2026-03-05',
        consent: true,
        note: null,
      },
      {
        row: 3,
        household: 'Trần Thị Bình',
        village: null,
        kind: 'labour',
        quantity: 5,
        value: 1_000_000,
        contributedOn: '2026-03-06',
        consent: false,
        note: null,
      },
    ]);
  });

  it('names each bad cell by row, column and reason', () => {
    const { lines, issues } = validateContributionRows(headers, [
      ['Nguyễn Văn An', '', 'Vàng', '2.000.000', '', '31/02/2026', 'Có'],
      ['', '', 'Tiền', '12,5', '', '01/03/2026', 'chắc chắn'],
    ]);
    expect(lines).toEqual([]);
    expect(issues.map((issue) => [issue.row, issue.column, issue.reason.vi])).toEqual([
      [2, 'Hình thức', 'Hình thức phải là "Tiền", "Đất" hoặc "Ngày công".'],
      [2, 'Ngày đóng góp', 'Ngày không hợp lệ (dd/mm/yyyy).'],
      [3, 'Số lượng', 'Số lượng phải là số nguyên (đồng, m² hoặc ngày công).'],
      [3, 'Đồng ý công khai tên', 'Ghi "Có" nếu hộ đồng ý công khai tên, để trống hoặc "Không" nếu không.'],
      [3, 'Chủ hộ', 'Hãy nhập tên chủ hộ.'],
    ]);
  });

  it('names a missing column in the header row', () => {
    const { issues } = validateContributionRows(['Chủ hộ', 'Số lượng'], [['A', '1']]);
    expect(issues.map((issue) => `${issue.row} ${issue.column}`)).toEqual(['1 Hình thức', '1 Ngày đóng góp']);
  });
});
