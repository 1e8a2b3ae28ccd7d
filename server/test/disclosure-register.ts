import type { Session } from './harness.ts';

/**
 * A register the disclosures tests share, made through the API as the communes' reporters would, on
 * 20/03/2026: commune A has one obligation of each outcome (on time, late, missing, taken down early,
 * not yet due), commune B one on time. The due dates, written out: the estimate of 10/01 is due 09/02
 * (30 days); the poor-household list of Monday 02/02 on 09/02 (5 working days); the project of 05/01
 * on 12/01; the contributions of 02/03 on 09/03; the socio-economic plan of 18/03 on 25/03.
 */
export const TODAY = '2026-03-20T09:00:00+07:00';

const ALL = ['office', 'village', 'website', 'loudspeaker', 'written'] as const;

export async function recordObligation(
  session: Session,
  unitId: number,
  obligation: { itemCode: string; title: string; decisionDate: string; periodTo?: string },
  records: { place: string; from: string; to?: string | null; placeDetail?: string; note?: string }[],
) {
  const made = await session.request('POST', '/api/disclosures', {
    unitId,
    decisionNumber: '01/QĐ-UBND',
    documentUrl: 'https://phohien.hungyen.gov.vn/van-ban/1',
    ...obligation,
  });
  if (made.status !== 201) throw new Error(`obligation: ${made.status} ${made.body}`);
  for (const record of records) {
    const added = await session.request('POST', `/api/disclosures/${made.json.id}/records`, record);
    if (added.status !== 201) throw new Error(`record: ${added.status} ${added.body}`);
  }
  return made.json.id as number;
}

export async function buildRegister(reporterA: Session, unitA: number, reporterB: Session, unitB: number) {
  const onTime = await recordObligation(
    reporterA,
    unitA,
    { itemCode: 'NS_DU_TOAN', title: 'Dự toán ngân sách phường năm 2026', decisionDate: '10/01/2026' },
    ALL.map((place) => ({ place, from: '02/02/2026' })),
  );
  const late = await recordObligation(
    reporterA,
    unitA,
    { itemCode: 'HO_NGHEO', title: 'Danh sách hộ nghèo, hộ cận nghèo năm 2026', decisionDate: '02/02/2026' },
    [
      { place: 'office', from: '12/02/2026' },
      { place: 'village', from: '12/02/2026', placeDetail: 'Nhà văn hóa khu phố 3' },
      { place: 'website', from: '12/02/2026' },
      {
        place: 'loudspeaker',
        from: '12/02/2026',
        to: '14/02/2026',
        note: 'Ghi chú nội bộ: loa hỏng một ngày',
      },
    ],
  );
  const missing = await recordObligation(
    reporterA,
    unitA,
    { itemCode: 'DU_AN_DAU_TU', title: 'Dự án cải tạo đường khu phố 3', decisionDate: '05/01/2026' },
    [],
  );
  const takenDown = await recordObligation(
    reporterA,
    unitA,
    {
      itemCode: 'DONG_GOP_NHAN_DAN',
      title: 'Huy động đóng góp làm đường khu phố 3',
      decisionDate: '02/03/2026',
    },
    [
      { place: 'office', from: '03/03/2026' },
      { place: 'village', from: '03/03/2026', to: '10/03/2026', placeDetail: 'Nhà văn hóa thôn Đông' },
      { place: 'website', from: '03/03/2026' },
    ],
  );
  const notDue = await recordObligation(
    reporterA,
    unitA,
    {
      itemCode: 'KE_HOACH_KT_XH',
      title: 'Kế hoạch phát triển kinh tế - xã hội năm 2026',
      decisionDate: '18/03/2026',
    },
    [],
  );
  const otherOnTime = await recordObligation(
    reporterB,
    unitB,
    { itemCode: 'NS_QUYET_TOAN', title: 'Quyết toán ngân sách xã năm 2025', decisionDate: '10/01/2026' },
    ALL.map((place) => ({ place, from: '15/01/2026' })),
  );
  return { onTime, late, missing, takenDown, notDue, otherOnTime };
}

/** Puts an obligation on the public register as its recorder would: the version read first. */
export async function publishOn(session: Session, obligationId: number) {
  const state = await session.request('GET', `/api/disclosures/${obligationId}/publication`);
  const published = await session.request('PUT', `/api/disclosures/${obligationId}/publication`, {
    published: true,
    version: state.json.version,
  });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.body}`);
  return published.json;
}
