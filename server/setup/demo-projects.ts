import type { EditProject } from '../../core/projects/project-schemas.ts';
import { addDays } from '../../core/text/dates.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { type Clock, fixedClock } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import type { ProjectContext } from '../projects/project-access.ts';
import { createProject, editProject, publishProject } from '../projects/project-commands.ts';
import { addLine, type LineKind } from '../projects/project-lines.ts';

/**
 * Two community projects of Phường Phố Hiến, recorded and published by its reporter as the months went:
 * a lane being concreted (86 households asked, 71 agreed; a household that did not agree to be named;
 * land and labour given; the supervision board's recommendation of 25 days ago still unanswered, so
 * overdue) and a cultural house finished and settled, its accounts matching its books.
 */
export const DEMO_PROJECTS = {
  count: 2,
  hiddenHousehold: 'Nguyễn Thị Hoà',
  overdueNoticeDaysAgo: 25,
} as const;

const at = (date: string): Clock => fixedClock(`${date}T09:00:00+07:00`);

export async function loadDemoProjects(
  db: Db,
  input: { today: string; unitId: number; reporter: SessionUser },
): Promise<number[]> {
  const { today, unitId, reporter } = input;
  const day = (offset: number) => addDays(today, offset);
  const ctx = (date: string): ProjectContext => ({
    db,
    actor: { userId: reporter.userId, name: reporter.username },
    ip: null,
    user: reporter,
    now: at(date),
  });
  const line = (id: number, kind: LineKind, date: string, body: Record<string, unknown>) =>
    addLine(ctx(date), id, kind, body as never);

  // ---- The lane, under construction -----------------------------------------------------------------
  const lane = await createProject(ctx(day(-120)), {
    unitId,
    name: 'Bê tông hóa ngõ 12 tổ dân phố số 5',
    location: 'Ngõ 12, tổ dân phố số 5, phường Phố Hiến',
    purpose: 'Nâng cấp 420 m ngõ đất thành đường bê tông rộng 3 m, có rãnh thoát nước hai bên.',
    investor: 'UBND phường Phố Hiến',
    decisionNumber: '02/BB-HNTDP',
    decidedOn: day(-120),
    households: 86,
    agreed: 71,
    budgetStateBudget: 450_000_000,
    budgetResidents: 180_000_000,
    budgetSponsors: 20_000_000,
    budgetOther: 0,
    status: 'building',
    progress: 65,
    startedOn: day(-60),
    finishedOn: null,
    boardDecisionNumber: '15/QĐ-MTTQ',
    boardDecidedOn: day(-100),
    accountsNumber: null,
    accountsOn: null,
    accountsReceipts: null,
    accountsPayments: null,
    accountsNote: null,
  });
  const households: [string, 'money' | 'land' | 'labour', number, number | null, boolean][] = [
    ['Trần Văn Hùng', 'money', 5_000_000, null, true],
    ['Lê Thị Mai', 'money', 3_000_000, null, true],
    [DEMO_PROJECTS.hiddenHousehold, 'money', 2_000_000, null, false],
    ['Phạm Văn Tuấn', 'money', 4_000_000, null, true],
    ['Đặng Thị Lan', 'money', 2_500_000, null, false],
    ['Vũ Văn Nam', 'land', 25, 37_500_000, true],
    ['Trần Văn Hùng', 'labour', 6, 1_800_000, true],
    ['Phạm Văn Tuấn', 'labour', 4, 1_200_000, true],
  ];
  for (const [index, [household, kind, quantity, value, consent]] of households.entries())
    await line(lane.id, 'contributions', day(-110 + index), {
      household,
      village: 'Tổ dân phố số 5',
      kind,
      quantity,
      value,
      contributedOn: day(-110 + index),
      consent,
      note: null,
    });
  await line(lane.id, 'receipts', day(-70), {
    source: 'state_budget',
    amount: 300_000_000,
    receivedOn: day(-70),
    note: 'Đợt 1',
  });
  await line(lane.id, 'receipts', day(-65), {
    source: 'sponsors',
    amount: 20_000_000,
    receivedOn: day(-65),
    note: 'Hội doanh nghiệp phường tài trợ',
  });
  await line(lane.id, 'payments', day(-58), {
    paidOn: day(-58),
    payee: 'Công ty TNHH Xây dựng Hưng Phát',
    purpose: 'Tạm ứng hợp đồng thi công (30%)',
    amount: 195_000_000,
    voucher: 'PC-01',
  });
  await line(lane.id, 'payments', day(-30), {
    paidOn: day(-30),
    payee: 'Công ty TNHH Xây dựng Hưng Phát',
    purpose: 'Thanh toán khối lượng đợt 1',
    amount: 98_000_000,
    voucher: 'PC-02',
  });
  const members: [string, 'head' | 'deputy' | 'member', 'front' | 'inspection' | 'residents'][] = [
    ['Nguyễn Văn Bình', 'head', 'front'],
    ['Hoàng Thị Thu', 'deputy', 'inspection'],
    ['Lưu Văn Khải', 'member', 'residents'],
    ['Đỗ Thị Hằng', 'member', 'residents'],
    ['Bùi Văn Toàn', 'member', 'residents'],
  ];
  for (const [name, role, side] of members)
    await line(lane.id, 'members', day(-100), { name, role, side, note: null });
  await line(lane.id, 'notices', day(-40), {
    kind: 'inspection',
    receivedOn: day(-45),
    finding: 'Kiểm tra cốt thép rãnh thoát nước đoạn đầu ngõ: đúng thiết kế.',
    recommendation: 'Đề nghị che chắn vật liệu, tưới nước chống bụi khi thi công.',
    answeredOn: day(-38),
    answer: 'UBND phường đã yêu cầu nhà thầu che chắn, tưới nước hằng ngày.',
  });
  await line(lane.id, 'notices', day(-DEMO_PROJECTS.overdueNoticeDaysAgo), {
    kind: 'notice',
    receivedOn: day(-DEMO_PROJECTS.overdueNoticeDaysAgo),
    finding: 'Mặt đường đoạn cuối ngõ có vết nứt sau 10 ngày đổ bê tông.',
    recommendation: 'Đề nghị UBND phường yêu cầu nhà thầu kiểm tra chất lượng bê tông và sửa chữa.',
    answeredOn: null,
    answer: null,
  });
  await publishProject(ctx(day(-20)), lane.id, lane.version);

  // ---- The cultural house, finished and settled ------------------------------------------------------
  const houseRecord = {
    name: 'Sửa chữa nhà văn hóa tổ dân phố số 3',
    location: 'Tổ dân phố số 3, phường Phố Hiến',
    purpose: 'Thay mái tôn, lát lại nền và sơn sửa nhà văn hóa.',
    investor: 'Ban công tác Mặt trận tổ dân phố số 3',
    decisionNumber: '01/BB-HNTDP',
    decidedOn: day(-400),
    households: 64,
    agreed: 60,
    budgetStateBudget: 0,
    budgetResidents: 60_000_000,
    budgetSponsors: 0,
    budgetOther: 0,
    status: 'building',
    progress: 0,
    startedOn: day(-380),
    finishedOn: day(-320),
    boardDecisionNumber: '09/QĐ-MTTQ',
    boardDecidedOn: day(-390),
    accountsNumber: null,
    accountsOn: null,
    accountsReceipts: null,
    accountsPayments: null,
    accountsNote: null,
  } satisfies Omit<EditProject, 'version'>;
  const house = await createProject(ctx(day(-400)), { unitId, ...houseRecord });
  for (const [index, name] of ['Ngô Văn Sơn', 'Đinh Thị Yến', 'Tạ Văn Long', 'Mai Thị Hồng'].entries())
    await line(house.id, 'contributions', day(-395), {
      household: name,
      village: 'Tổ dân phố số 3',
      kind: 'money',
      quantity: 15_000_000,
      value: null,
      contributedOn: day(-395 + index),
      consent: true,
      note: null,
    });
  await line(house.id, 'payments', day(-320), {
    paidOn: day(-320),
    payee: 'Hộ kinh doanh Nguyễn Văn Đức',
    purpose: 'Thi công sửa chữa trọn gói',
    amount: 58_500_000,
    voucher: 'PC-01',
  });
  for (const [name, role, side] of members)
    await line(house.id, 'members', day(-390), { name, role, side, note: null });
  // Finished and settled, its accounts matching the books.
  const settled: EditProject = {
    ...houseRecord,
    status: 'settled',
    progress: 100,
    accountsNumber: '03/QĐ-UBND',
    accountsOn: day(-300),
    accountsReceipts: 60_000_000,
    accountsPayments: 58_500_000,
    accountsNote: 'Số dư 1.500.000 đồng nộp quỹ tổ dân phố theo biểu quyết của các hộ.',
    version: house.version,
  };
  const done = await editProject(ctx(day(-300)), house.id, settled);
  await publishProject(ctx(day(-299)), house.id, done.version);
  return [lane.id, house.id];
}
