import type { Session } from './harness.ts';

/**
 * A community project of a commune, recorded through the API as its reporter would: adopted by 120 of
 * 150 households, with two households' contributions — one agreeing to be named ("Nguyễn Văn Công
 * Khai"), one not ("Trần Thị Giấu Tên") —, a state-budget receipt, a payment, a five-member board and
 * a notice whose recommendation the commune has not answered. Not published unless `publish`.
 * With `households`, those two are replaced by that many households imported from a file, each
 * agreeing to be named: "Hộ gia đình số 001" giving 1.000 đồng, number n giving n × 1.000 đồng.
 */
export const NAMED_HOUSEHOLD = 'Nguyễn Văn Công Khai';
export const HIDDEN_HOUSEHOLD = 'Trần Thị Giấu Tên';

let sequence = 0;

/** "Hộ gia đình số 007": the imported households' names, in the order they were given. */
export const householdName = (n: number) => `Hộ gia đình số ${String(n).padStart(3, '0')}`;

export async function buildProject(
  reporter: Session,
  unitId: number,
  options: { name?: string; publish?: boolean; households?: number } = {},
): Promise<{ id: number; version: number; json: any }> {
  sequence += 1;
  const created = await reporter.request('POST', '/api/projects', {
    unitId,
    name: options.name ?? `Đường bê tông thôn Đông ${sequence}`,
    location: 'Thôn Đông',
    investor: 'UBND xã',
    decisionNumber: '01/BB-HNDC',
    decidedOn: '10/03/2026',
    households: 150,
    agreed: 120,
    budgetStateBudget: 300_000_000,
    budgetResidents: 150_000_000,
    status: 'building',
    progress: 40,
  });
  if (created.status !== 201) throw new Error(`project: ${created.status} ${created.body}`);
  const id = created.json.id as number;
  const contributions: [string, object][] = [
    [
      'contributions',
      {
        household: NAMED_HOUSEHOLD,
        kind: 'money',
        quantity: 2_000_000,
        contributedOn: '05/03/2026',
        consent: true,
      },
    ],
    [
      'contributions',
      {
        household: HIDDEN_HOUSEHOLD,
        kind: 'money',
        quantity: 1_500_000,
        contributedOn: '06/03/2026',
        consent: false,
      },
    ],
  ];
  const lines: [string, object][] = [
    ...(options.households === undefined ? contributions : []),
    ['receipts', { source: 'state_budget', amount: 300_000_000, receivedOn: '01/04/2026' }],
    [
      'payments',
      {
        paidOn: '15/05/2026',
        payee: 'Công ty Xây dựng Phố Hiến',
        purpose: 'Tạm ứng thi công',
        amount: 200_000_000,
      },
    ],
    ['members', { name: 'Lê Văn Trưởng', role: 'head', side: 'front' }],
    ['members', { name: 'Phạm Thị Phó', role: 'deputy', side: 'inspection' }],
    ['members', { name: 'Hoàng Văn Một', role: 'member', side: 'residents' }],
    ['members', { name: 'Đỗ Thị Hai', role: 'member', side: 'residents' }],
    ['members', { name: 'Vũ Văn Ba', role: 'member', side: 'residents' }],
    [
      'notices',
      {
        kind: 'notice',
        receivedOn: '02/11/2026',
        finding: 'Mặt đường mỏng hơn thiết kế',
        recommendation: 'Đề nghị kiểm tra độ dày',
      },
    ],
  ];
  let json = created.json;
  for (const [kind, body] of lines) {
    const added = await reporter.request('POST', `/api/projects/${id}/${kind}`, body);
    if (added.status !== 201) throw new Error(`${kind}: ${added.status} ${added.body}`);
    json = added.json;
  }
  if (options.households !== undefined) {
    const rows = Array.from(
      { length: options.households },
      (_, index) => `${householdName(index + 1)},Tiền,${(index + 1) * 1000},05/03/2026,Có`,
    );
    const file = `Chủ hộ,Hình thức,Số lượng,Ngày đóng góp,Đồng ý công khai tên\n${rows.join('\n')}\n`;
    const imported = await reporter.upload(
      `/api/projects/${id}/contributions/import?dryRun=false`,
      'dong-gop.csv',
      Buffer.from(file),
    );
    if (imported.status !== 200) throw new Error(`households: ${imported.status}`);
    json = (await reporter.request('GET', `/api/projects/${id}`)).json;
  }
  if (options.publish) {
    const published = await reporter.request('POST', `/api/projects/${id}/publish`, {
      version: json.version,
      confirm: true,
    });
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.body}`);
    json = published.json;
  }
  return { id, version: json.version, json };
}
