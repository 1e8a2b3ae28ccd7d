import { addDays } from '../../core/text/dates.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { addRecord, createObligation } from '../disclosures/disclosure-commands.ts';
import { publishObligation } from '../disclosures/disclosure-publication.ts';
import type { DemoCtx } from './demo-rounds.ts';

/**
 * The demo province's disclosures register, recorded by each commune's reporter on the days they would
 * have done it, around today: Phường Phố Hiến's budget estimate, land-use plan and democracy rules on
 * time and its poor-household list late; Xã Tân Hưng's settlement on time and a project never posted
 * (missing); a third commune's contributions taken down early at one village; a fourth's quarterly
 * budget execution on time and its socio-economic plan not yet due. The board and the public pages
 * show each outcome: each reporter puts an item on the public register the day its first posting began,
 * except the ward's land-use plan, recorded but left off it, so the switch can be tried.
 */
type Place = 'office' | 'village' | 'loudspeaker' | 'website' | 'written';

interface DemoRecord {
  place: Place;
  /** Days after the decision. */
  after: number;
  /** Days it stood (null: still up). */
  days?: number;
  detail?: string;
  note?: string;
}

interface DemoObligation {
  itemCode: string;
  title: (year: number) => string;
  number: string;
  /** Days before today it was decided. */
  daysAgo: number;
  periodTo?: (year: number) => string;
  records: DemoRecord[];
  /** Recorded, not put on the public register. */
  isUnpublished?: true;
}

const ALL = (after: number): DemoRecord[] =>
  (['office', 'village', 'website', 'loudspeaker', 'written'] as const).map((place) => ({
    place,
    after,
    ...(place === 'village' && { detail: 'Nhà văn hóa các khu phố' }),
    ...(place === 'loudspeaker' && { days: 3 }),
  }));

const REGISTER: Record<number, DemoObligation[]> = {
  0: [
    {
      itemCode: 'NS_DU_TOAN',
      title: (year) => `Dự toán ngân sách phường năm ${year}`,
      number: '05/QĐ-UBND',
      daysAgo: 80,
      records: ALL(12),
    },
    {
      itemCode: 'HO_NGHEO',
      title: (year) => `Danh sách hộ nghèo, hộ cận nghèo năm ${year}`,
      number: '18/QĐ-UBND',
      daysAgo: 60,
      records: [
        { place: 'office', after: 12 },
        { place: 'village', after: 12, detail: 'Nhà văn hóa khu phố 3' },
        { place: 'website', after: 13 },
        { place: 'loudspeaker', after: 12, days: 3, note: 'Phát chậm do hệ thống loa đang sửa.' },
      ],
    },
    {
      itemCode: 'QH_KH_SU_DUNG_DAT',
      title: (year) => `Kế hoạch sử dụng đất năm ${year} của phường`,
      number: '102/QĐ-UBND',
      daysAgo: 100,
      periodTo: (year) => `${year}-12-31`,
      records: [
        { place: 'office', after: 6 },
        { place: 'website', after: 4 },
      ],
      isUnpublished: true,
    },
    {
      itemCode: 'QUY_CHE_DAN_CHU',
      title: () => 'Quy chế thực hiện dân chủ ở phường',
      number: '02/QĐ-UBND',
      daysAgo: 200,
      records: [
        { place: 'office', after: 3 },
        { place: 'website', after: 3 },
      ],
    },
  ],
  1: [
    {
      itemCode: 'NS_QUYET_TOAN',
      title: (year) => `Quyết toán ngân sách xã năm ${year - 1}`,
      number: '21/QĐ-UBND',
      daysAgo: 70,
      records: ALL(5),
    },
    {
      itemCode: 'DU_AN_DAU_TU',
      title: () => 'Dự án nâng cấp đường liên thôn Đông – Tây',
      number: '35/QĐ-UBND',
      daysAgo: 40,
      records: [],
    },
  ],
  2: [
    {
      itemCode: 'DONG_GOP_NHAN_DAN',
      title: () => 'Huy động Nhân dân đóng góp xây dựng nhà văn hóa thôn Đông',
      number: '27/QĐ-UBND',
      daysAgo: 60,
      records: [
        { place: 'office', after: 3 },
        { place: 'village', after: 3, days: 12, detail: 'Nhà văn hóa thôn Đông' },
        { place: 'website', after: 4 },
      ],
    },
    {
      itemCode: 'HO_NGHEO',
      title: (year) => `Danh sách hộ nghèo, hộ cận nghèo năm ${year}`,
      number: '30/QĐ-UBND',
      daysAgo: 30,
      records: [
        { place: 'office', after: 2 },
        { place: 'village', after: 2, detail: 'Nhà văn hóa thôn Đông, thôn Tây' },
        { place: 'website', after: 2 },
        { place: 'loudspeaker', after: 2, days: 3 },
      ],
    },
  ],
  3: [
    {
      itemCode: 'KE_HOACH_KT_XH',
      title: (year) => `Kế hoạch phát triển kinh tế - xã hội năm ${year}`,
      number: '40/QĐ-UBND',
      daysAgo: 2,
      records: [],
    },
  ],
};

/** The last day of the quarter before the one holding `today`. */
function lastQuarterEnd(today: string): string {
  const year = Number(today.slice(0, 4));
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  return quarter === 1
    ? `${year - 1}-12-31`
    : new Date(Date.UTC(year, (quarter - 1) * 3, 0)).toISOString().slice(0, 10);
}

export async function loadDemoDisclosures(input: {
  today: string;
  reporter: SessionUser;
  phoHien: { id: number; path: string; name: string };
  communes: { id: number; code: string | null; path: string; name: string }[];
  as: (user: SessionUser, clock: Clock) => DemoCtx;
  actingFor: (role: 'unit_reporter', unit: { id: number; path: string; name: string }) => SessionUser;
  at: (date: string, minutes?: number) => Clock;
}): Promise<number> {
  const { today } = input;
  const year = Number(today.slice(0, 4));
  const others = input.communes.filter((unit) => unit.id !== input.phoHien.id && unit.code !== '11977');
  const tanHung = input.communes.find((unit) => unit.code === '11977');
  const units = [input.phoHien, tanHung ?? others[0], others[1], others[2]];
  // The fourth commune's budget execution of the quarter that ended last, posted ten days after.
  const quarterEnd = lastQuarterEnd(today);
  const register: Record<number, DemoObligation[]> = {
    ...REGISTER,
    3: [
      ...(REGISTER[3] ?? []),
      {
        itemCode: 'NS_THUC_HIEN_QUY',
        title: () =>
          `Tình hình thực hiện dự toán ngân sách quý đến ngày ${quarterEnd.split('-').reverse().join('/')}`,
        number: '44/BC-UBND',
        daysAgo: Math.max(1, Math.round((Date.parse(today) - Date.parse(quarterEnd)) / 86_400_000) - 5),
        periodTo: () => quarterEnd,
        records: [
          { place: 'office', after: 4 },
          { place: 'website', after: 4 },
          { place: 'loudspeaker', after: 4, days: 2 },
        ],
      },
    ],
  };
  let count = 0;
  for (const [index, unit] of units.entries()) {
    if (!unit) continue;
    const user = index === 0 ? input.reporter : input.actingFor('unit_reporter', unit);
    for (const entry of register[index] ?? []) {
      const decided = addDays(today, -entry.daysAgo);
      const detail = await createObligation(input.as(user, input.at(decided)), {
        unitId: unit.id,
        itemCode: entry.itemCode,
        title: entry.title(year),
        decisionNumber: entry.number,
        decisionDate: decided,
        periodFrom: null,
        periodTo: entry.periodTo ? entry.periodTo(year) : null,
        documentUrl: null,
      });
      for (const record of entry.records) {
        const from = addDays(decided, record.after);
        if (from > today) continue;
        await addRecord(input.as(user, input.at(from, 30)), detail.id, {
          place: record.place,
          placeDetail: record.detail ?? null,
          from,
          to: record.days === undefined ? null : addDays(from, record.days - 1),
          note: record.note ?? null,
        });
      }
      const begun = entry.records
        .map((record) => addDays(decided, record.after))
        .filter((from) => from <= today)
        .sort()[0];
      if (begun && !entry.isUnpublished)
        await publishObligation(input.as(user, input.at(begun, 45)), detail.id, {
          published: true,
          version: detail.version,
        });
      count += 1;
    }
  }
  return count;
}
