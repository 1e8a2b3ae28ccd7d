import type { Db } from '../db/engine.ts';
import {
  fedAssessmentResults,
  fedDossierRollups,
  fedFeedbackRollups,
  fedPeriods,
  fedPlanTaskStatuses,
  fedProvinces,
  fedReportCompleteness,
  fedSurveyRollups,
  fedUnits,
  settings,
} from '../db/schema/index.ts';
import { SUBSCRIPTIONS_KEY, slotName, subscriptionName } from '../federation/federation-settings.ts';

/**
 * Three provinces' shared rows, written straight into the federation tables as a national Chiso
 * receives them (real names and codes from the 2025 unit list), with figures chosen so every value,
 * rank and tie of the national view is known:
 *
 * - Hưng Yên (33), fresh (refreshed 5 minutes before FIXTURE_NOW): six communes, Sở Nội vụ (no
 *   official code) and an office under Phố Hiến (no code). 2026Q1 dossiers on time: Hồng Châu 19/20 =
 *   95 %, Phố Hiến 90/100 (with its office) and Tân Hưng 36/40 both 90 % (a tie), Lạc Đạo 20/25 = 80 %,
 *   Sơn Nam nothing finished, Diên Hà no dossier; the province 435/485. Reports 4 of 6 on time.
 * - Hà Nội (01), stale (3 hours): two wards, 930/1000 on time (93 %); reports 2 of 3 on time (a
 *   department without a code among them) — the same 2/3 as Hưng Yên's 4/6.
 * - Đà Nẵng (48), fresh: one ward, 12 dossiers received and none finished (no on-time rate, so not
 *   ranked on it); its one report on time (100 %).
 */
export const FIXTURE_NOW = '2026-04-20T09:00:00.000Z';

const minutesBefore = (minutes: number) => new Date(Date.parse(FIXTURE_NOW) - minutes * 60_000);

const HUNG_YEN_COMMUNES = [
  ['11953', 'Phường Phố Hiến'],
  ['11977', 'Xã Tân Hưng'],
  ['11980', 'Phường Hồng Châu'],
  ['11983', 'Phường Sơn Nam'],
  ['11992', 'Xã Lạc Đạo'],
  ['12619', 'Xã Diên Hà'],
] as const;

type Dossiers = [
  received: number,
  online: number,
  onlineFull: number,
  digitised: number,
  finished: number,
  onTime: number,
  early: number,
  late: number,
  apologised: number,
];

function dossierRow(provinceCode: string, unitKey: string, field: string, periodCode: string, d: Dossiers) {
  const [received, receivedOnline, receivedOnlineFull, receivedDigitised] = d;
  const [, , , , finished, finishedOnTime, finishedEarly, finishedLate, lateApologised] = d;
  return {
    provinceCode,
    unitKey,
    field,
    periodCode,
    received,
    receivedOnline,
    receivedOnlineFull,
    receivedDigitised,
    finished,
    finishedOnTime,
    finishedEarly,
    finishedLate,
    lateApologised,
  };
}

function completeness(provinceCode: string, unitKey: string, status: string, onTime: 0 | 1) {
  return {
    provinceCode,
    unitKey,
    periodCode: '2026Q1',
    status,
    submittedAt: status === 'missing' ? null : minutesBefore(60 * 24 * 30),
    onTime,
  };
}

export async function insertFederationFixture(db: Db): Promise<void> {
  // A national instance: subscribed to the three provinces (as `federation subscribe` records it), so
  // nothing here is recomputed from the installation's own units.
  const since = minutesBefore(60 * 24 * 30).toISOString();
  const provinces = ['33', '01', '48'].map((provinceCode) => ({
    provinceCode,
    subscription: subscriptionName(provinceCode),
    slot: slotName(provinceCode),
    source: `postgres://chiso_national@tinh-${provinceCode}.example/chiso`,
    since,
  }));
  await db
    .insert(settings)
    .values({ key: SUBSCRIPTIONS_KEY, value: JSON.stringify({ provinces }) })
    .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify({ provinces }) } });
  await db.insert(fedProvinces).values([
    {
      provinceCode: '33',
      name: 'Tỉnh Hưng Yên',
      refreshedAt: minutesBefore(5),
      heartbeatAt: minutesBefore(1),
      chisoVersion: '0.1.0',
    },
    {
      provinceCode: '01',
      name: 'Thành phố Hà Nội',
      refreshedAt: minutesBefore(180),
      heartbeatAt: minutesBefore(179),
      chisoVersion: '0.1.0',
    },
    {
      provinceCode: '48',
      name: 'Thành phố Đà Nẵng',
      refreshedAt: minutesBefore(3),
      heartbeatAt: minutesBefore(2),
      chisoVersion: '0.1.0',
    },
  ]);
  const unit = (
    provinceCode: string,
    unitKey: string,
    name: string,
    type: string,
    parentKey: string | null,
  ) => ({
    provinceCode,
    unitKey,
    unitCode: unitKey.startsWith('u') ? null : unitKey,
    name,
    type,
    parentKey,
    validFrom: '2025-07-01',
    validTo: null,
  });
  await db
    .insert(fedUnits)
    .values([
      unit('33', '33', 'Tỉnh Hưng Yên', 'province', null),
      unit('33', 'u5', 'Sở Nội vụ', 'department', '33'),
      ...HUNG_YEN_COMMUNES.map(([code, name]) => unit('33', code, name, 'commune', '33')),
      unit('33', 'u77', 'Bộ phận một cửa phường Phố Hiến', 'office', '11953'),
      unit('01', '01', 'Thành phố Hà Nội', 'province', null),
      unit('01', 'u3', 'Sở Nội vụ', 'department', '01'),
      unit('01', '00004', 'Phường Ba Đình', 'commune', '01'),
      unit('01', '00008', 'Phường Ngọc Hà', 'commune', '01'),
      unit('48', '48', 'Thành phố Đà Nẵng', 'province', null),
      unit('48', '20194', 'Phường Hải Vân', 'commune', '48'),
    ]);
  await db.insert(fedPeriods).values([
    { provinceCode: '33', periodCode: '2026Q1', dueOn: '2026-03-20' },
    { provinceCode: '01', periodCode: '2026Q1', dueOn: '2026-03-20' },
    { provinceCode: '48', periodCode: '2026Q1', dueOn: '2026-03-20' },
  ]);
  await db.insert(fedDossierRollups).values([
    dossierRow('33', '11953', 'Hộ tịch', '2026Q1', [100, 60, 40, 80, 90, 81, 30, 9, 9]),
    dossierRow('33', 'u77', 'Hộ tịch', '2026Q1', [10, 5, 5, 10, 10, 9, 2, 1, 0]),
    dossierRow('33', '11977', 'Đất đai', '2026Q1', [50, 10, 5, 25, 40, 36, 10, 4, 2]),
    dossierRow('33', '11980', 'Hộ tịch', '2026Q1', [20, 20, 20, 20, 20, 19, 5, 1, 1]),
    dossierRow('33', '11983', 'Hộ tịch', '2026Q1', [5, 0, 0, 0, 0, 0, 0, 0, 0]),
    dossierRow('33', '11992', 'Đất đai', '2026Q1', [30, 15, 10, 30, 25, 20, 5, 5, 5]),
    dossierRow('33', 'u5', 'Nội vụ', '2026Q1', [300, 200, 150, 300, 300, 270, 100, 30, 30]),
    // The quarter before: in the year's figures, not in 2026Q1's.
    dossierRow('33', '11953', 'Hộ tịch', '2025Q4', [40, 40, 40, 40, 40, 40, 0, 0, 0]),
    dossierRow('01', '00004', 'Hộ tịch', '2026Q1', [1000, 900, 700, 1000, 800, 760, 300, 40, 40]),
    dossierRow('01', '00008', 'Hộ tịch', '2026Q1', [500, 300, 200, 400, 200, 170, 50, 30, 10]),
    dossierRow('48', '20194', 'Hộ tịch', '2026Q1', [12, 12, 12, 12, 0, 0, 0, 0, 0]),
  ]);
  await db.insert(fedFeedbackRollups).values([
    {
      provinceCode: '33',
      unitKey: '11953',
      periodCode: '2026Q1',
      received: 10,
      closed: 8,
      closedOnTime: 6,
      open: 2,
      openOverdue: 1,
    },
    {
      provinceCode: '01',
      unitKey: '00004',
      periodCode: '2026Q1',
      received: 20,
      closed: 20,
      closedOnTime: 20,
      open: 0,
      openOverdue: 0,
    },
  ]);
  await db.insert(fedSurveyRollups).values([
    // Satisfaction index: 33 → 1 440/1 800 = 80 %, 01 → 855/900 = 95 %, 48 → 300/400 = 75 %.
    {
      provinceCode: '33',
      unitKey: '11953',
      periodCode: '2026Q1',
      responses: 200,
      satisfied: 170,
      satisfiedScore: 1440,
      scoredAnswers: 1800,
    },
    {
      provinceCode: '01',
      unitKey: '00004',
      periodCode: '2026Q1',
      responses: 100,
      satisfied: 90,
      satisfiedScore: 855,
      scoredAnswers: 900,
    },
    {
      provinceCode: '48',
      unitKey: '20194',
      periodCode: '2026Q1',
      responses: 50,
      satisfied: 40,
      satisfiedScore: 300,
      scoredAnswers: 400,
    },
  ]);
  await db
    .insert(fedReportCompleteness)
    .values([
      completeness('33', '11953', 'accepted', 1),
      completeness('33', '11977', 'submitted', 1),
      completeness('33', '11980', 'accepted', 1),
      completeness('33', '11992', 'submitted', 1),
      completeness('33', '11983', 'submitted', 0),
      completeness('33', '12619', 'missing', 0),
      completeness('01', '00004', 'accepted', 1),
      completeness('01', '00008', 'submitted', 1),
      completeness('01', 'u3', 'missing', 0),
      completeness('48', '20194', 'accepted', 1),
    ]);
  await db.insert(fedPlanTaskStatuses).values([
    { provinceCode: '33', unitKey: '11953', year: 2026, status: 'done', tasks: 12 },
    { provinceCode: '33', unitKey: '11953', year: 2026, status: 'in_progress', tasks: 3 },
    { provinceCode: '33', unitKey: '11953', year: 2026, status: 'overdue', tasks: 1 },
  ]);
  await db.insert(fedAssessmentResults).values([
    {
      provinceCode: '33',
      unitKey: '11953',
      frameworkCode: 'PAR_INDEX_XA',
      year: 2026,
      score: 82.5,
      maxScore: 100,
      rank: 1,
      publishedAt: minutesBefore(60 * 24),
    },
    {
      provinceCode: '33',
      unitKey: '11977',
      frameworkCode: 'PAR_INDEX_XA',
      year: 2026,
      score: 70,
      maxScore: 100,
      rank: 2,
      publishedAt: minutesBefore(60 * 24),
    },
  ]);
}
