import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workdayCalendar } from '../periods/workdays.ts';
import { type CatalogueItem, parseDisclosureCatalogue, ruleInForce } from './catalogue.ts';
import {
  addTallies,
  dueDate,
  emptyTally,
  judgeObligation,
  type Obligation,
  onTimeRatio,
  postingPeriod,
  recordResult,
  tallyStatuses,
} from './compliance.ts';
import { createObligationSchema, createRecordSchema } from './disclosure-schemas.ts';

const catalogue = parseDisclosureCatalogue(
  JSON.parse(readFileSync(new URL('../../reference/disclosures/catalogue.json', import.meta.url), 'utf8')),
);
const calendar = workdayCalendar();

function rule(code: string, on = '2026-06-01'): CatalogueItem {
  const found = ruleInForce(catalogue, code, on);
  if (!found) throw new Error(`no rule ${code} on ${on}`);
  return found;
}

const decided = (decisionDate: string, periodTo: string | null = null): Obligation => ({
  decisionDate,
  periodFrom: null,
  periodTo,
});

describe('the shipped catalogue', () => {
  it('holds the items of Điều 11 with their places, periods and deadlines', () => {
    const poor = rule('HO_NGHEO');
    expect(poor.places).toEqual(['office', 'village', 'website', 'loudspeaker']);
    expect(poor.period).toEqual({ kind: 'days', days: 30 });
    expect(poor.loudspeakerDays).toBe(3);
    expect(poor.deadline).toEqual({ kind: 'workdays', days: 5 });
    expect(poor.unconfirmed).toBe(true);
    expect(rule('NS_DU_TOAN').places).toEqual(['office', 'village', 'website', 'loudspeaker', 'written']);
    expect(rule('QUY_CHE_DAN_CHU').period).toEqual({ kind: 'permanent' });
    expect(rule('QH_KH_SU_DUNG_DAT').period).toEqual({ kind: 'plan_period' });
    expect(rule('QH_KH_SU_DUNG_DAT').deadline).toEqual({ kind: 'days', days: 15 });
  });

  it('picks the version of a rule in force on the decision day (TT 343/2016, then TT 26/2026 unconfirmed)', () => {
    const before = rule('NS_THUC_HIEN_QUY', '2026-03-24');
    expect(before.basis).toContain('Thông tư 343/2016/TT-BTC');
    expect(before.unconfirmed).toBe(false);
    const after = rule('NS_THUC_HIEN_QUY', '2026-03-25');
    expect(after.basis).toContain('Thông tư 26/2026/TT-BTC');
    expect(after.unconfirmed).toBe(true);
    expect(ruleInForce(catalogue, 'QH_KH_SU_DUNG_DAT', '2024-07-31')?.deadline).toEqual({
      kind: 'days',
      days: 30,
    });
    expect(ruleInForce(catalogue, 'NS_DU_TOAN', '2016-12-31')).toBeNull();
  });

  it('refuses a file with two versions of a code in force on the same day', () => {
    const [first] = catalogue;
    expect(() =>
      parseDisclosureCatalogue({
        version: 1,
        items: [first, { ...first, validFrom: '2025-01-01', validTo: null }],
      }),
    ).toThrow('two versions in force');
  });
});

describe('due dates', () => {
  it('an approved budget estimate issued 10/01/2026 is due 30 days later, on 09/02/2026', () => {
    expect(dueDate(rule('NS_DU_TOAN'), decided('2026-01-10'), calendar)).toBe('2026-02-09');
  });

  it('five working days skip the weekend and Tết: a list decided Friday 13/02/2026 is due 27/02/2026', () => {
    // 14–15/02 weekend, 16–20/02 Tết Nguyên đán (lunar new year 17/02/2026), then 23, 24, 25, 26, 27/02.
    expect(dueDate(rule('HO_NGHEO'), decided('2026-02-13'), calendar)).toBe('2026-02-27');
    // Without holidays it would be the Friday after: 20/02/2026.
    expect(dueDate(rule('HO_NGHEO'), decided('2026-03-02'), calendar)).toBe('2026-03-09');
  });

  it('a quarter’s budget execution is due 15 days after the quarter ends: Q1 2026 on 15/04/2026', () => {
    expect(dueDate(rule('NS_THUC_HIEN_QUY'), decided('2026-04-02', '2026-03-31'), calendar)).toBe(
      '2026-04-15',
    );
    expect(dueDate(rule('NS_THUC_HIEN_QUY'), decided('2026-04-02', null), calendar)).toBeNull();
  });

  it('a land-use plan approved 20/01/2026 is due 15 days later, 04/02/2026', () => {
    expect(dueDate(rule('QH_KH_SU_DUNG_DAT'), decided('2026-01-20', '2030-12-31'), calendar)).toBe(
      '2026-02-04',
    );
  });
});

describe('a place’s record', () => {
  const poor = rule('HO_NGHEO');
  const obligation = decided('2026-01-20');
  const due = '2026-01-27';

  it('a posting from 01/02/2026 must stand 30 days, to 03/03/2026: running before, complete on that day', () => {
    const record = { place: 'office' as const, from: '2026-02-01', to: null };
    expect(recordResult(poor, obligation, record, due, '2026-03-02')).toMatchObject({
      status: 'running',
      late: true,
      requiredUntil: '2026-03-03',
    });
    expect(recordResult(poor, obligation, record, due, '2026-03-03').status).toBe('complete');
  });

  it('taken down on 02/03/2026, a day before its 30 days, is taken down early', () => {
    const record = { place: 'village' as const, from: '2026-02-01', to: '2026-03-02' };
    expect(recordResult(poor, obligation, record, due, '2026-04-01').status).toBe('taken_down_early');
    const kept = { ...record, to: '2026-03-03' };
    expect(recordResult(poor, obligation, kept, due, '2026-04-01').status).toBe('complete');
  });

  it('the loudspeaker’s three days from 05/02/2026 are 05, 06 and 07/02', () => {
    const broadcast = { place: 'loudspeaker' as const, from: '2026-02-05', to: '2026-02-07' };
    expect(recordResult(poor, obligation, broadcast, due, '2026-02-07')).toMatchObject({
      status: 'complete',
      requiredUntil: '2026-02-07',
    });
    expect(recordResult(poor, obligation, { ...broadcast, to: '2026-02-06' }, due, '2026-02-10').status).toBe(
      'taken_down_early',
    );
  });

  it('a land-use plan stands for the plan’s whole period: taken down on 30/06/2026 of a plan to 2030 is early', () => {
    const land = rule('QH_KH_SU_DUNG_DAT');
    const plan = decided('2026-01-20', '2030-12-31');
    const record = { place: 'website' as const, from: '2026-01-30', to: '2026-06-30' };
    expect(recordResult(land, plan, record, '2026-02-04', '2026-07-01')).toMatchObject({
      status: 'taken_down_early',
      late: false,
      requiredUntil: '2030-12-31',
    });
    expect(recordResult(land, plan, { ...record, to: null }, '2026-02-04', '2026-07-01').status).toBe(
      'running',
    );
  });

  it('a permanent posting taken down while its document is in force is early', () => {
    const rules = rule('QUY_CHE_DAN_CHU');
    const record = { place: 'office' as const, from: '2026-01-05', to: '2026-05-01' };
    expect(recordResult(rules, decided('2026-01-02'), record, '2026-01-09', '2026-06-01').status).toBe(
      'taken_down_early',
    );
    expect(
      recordResult(rules, decided('2026-01-02', '2026-05-01'), record, '2026-01-09', '2026-06-01').status,
    ).toBe('complete');
  });
});

describe('an obligation as a whole', () => {
  const estimate = rule('NS_DU_TOAN');
  const obligation = decided('2026-01-10');
  const all = (from: string, to: string | null = null) =>
    (['office', 'village', 'website', 'loudspeaker', 'written'] as const).map((place) => ({
      place,
      from,
      to,
    }));

  it('is not yet due while its due day has not passed, and missing the day after', () => {
    expect(judgeObligation(estimate, obligation, [], '2026-02-09', calendar).status).toBe('not_due');
    const missing = judgeObligation(estimate, obligation, [], '2026-02-10', calendar);
    expect(missing.status).toBe('missing');
    expect(missing.due).toBe('2026-02-09');
    expect(missing.places.map((place) => place.status)).toEqual([
      'missing',
      'missing',
      'missing',
      'missing',
      'missing',
    ]);
  });

  it('is on time when every place was posted by the due day, complete once every period ran out', () => {
    const running = judgeObligation(estimate, obligation, all('2026-02-02'), '2026-02-20', calendar);
    expect(running.status).toBe('on_time');
    expect(running.complete).toBe(false);
    const done = judgeObligation(estimate, obligation, all('2026-02-02'), '2026-03-04', calendar);
    expect(done.status).toBe('on_time');
    expect(done.complete).toBe(true);
    expect(done.places.map((place) => place.status)).toEqual([
      'complete',
      'complete',
      'complete',
      'complete',
      'complete',
    ]);
  });

  it('asks no broadcast of a commune without a loudspeaker system, and shows one made anyway unjudged', () => {
    const withoutLoudspeaker = { loudspeaker: false };
    const posted = all('2026-02-02').filter((record) => record.place !== 'loudspeaker');
    // With a system, the missing broadcast makes the whole obligation missing.
    expect(judgeObligation(estimate, obligation, posted, '2026-02-20', calendar).status).toBe('missing');
    const judged = judgeObligation(estimate, obligation, posted, '2026-02-20', calendar, withoutLoudspeaker);
    expect(judged.status).toBe('on_time');
    expect(judged.places.map((place) => place.place)).toEqual(['office', 'village', 'website', 'written']);
    const broadcast = judgeObligation(
      estimate,
      obligation,
      all('2026-02-12'),
      '2026-02-20',
      calendar,
      withoutLoudspeaker,
    );
    expect(broadcast.extra).toEqual([{ place: 'loudspeaker', from: '2026-02-12', to: null }]);
  });

  it('is late when one place was first posted after the due day', () => {
    const records = all('2026-02-02').map((record) =>
      record.place === 'website' ? { ...record, from: '2026-02-10' } : record,
    );
    const result = judgeObligation(estimate, obligation, records, '2026-03-20', calendar);
    expect(result.status).toBe('late');
    expect(result.places.find((place) => place.place === 'website')).toMatchObject({
      late: true,
      status: 'complete',
    });
  });

  it('is missing when one required place has nothing after the due day, whatever the others show', () => {
    const records = all('2026-02-02').filter((record) => record.place !== 'village');
    expect(judgeObligation(estimate, obligation, records, '2026-02-20', calendar).status).toBe('missing');
    // Before the due day, the village is still to come.
    expect(judgeObligation(estimate, obligation, records, '2026-02-05', calendar).status).toBe('not_due');
  });

  it('is taken down early when one village point took the list down before its 30 days', () => {
    const records = [
      ...all('2026-02-02'),
      {
        place: 'village' as const,
        placeDetail: 'Nhà văn hóa thôn Đông',
        from: '2026-02-02',
        to: '2026-02-20',
      },
    ];
    const result = judgeObligation(estimate, obligation, records, '2026-03-20', calendar);
    expect(result.status).toBe('taken_down_early');
    expect(result.places.find((place) => place.place === 'village')?.status).toBe('taken_down_early');
  });

  it('shows a record at a place the rule does not require apart, without judging it', () => {
    const records = [...all('2026-02-02'), { place: 'other' as const, from: '2026-02-03', to: null }];
    const result = judgeObligation(estimate, obligation, records, '2026-03-20', calendar);
    expect(result.status).toBe('on_time');
    expect(result.extra).toEqual([{ place: 'other', from: '2026-02-03', to: null }]);
  });
});

describe('the legal posting period', () => {
  it('runs to the latest end of the postings still standing, and not once every one stood its time', () => {
    const estimate = rule('NS_DU_TOAN');
    const records = [
      { place: 'office' as const, from: '2026-02-02', to: null },
      { place: 'website' as const, from: '2026-02-05', to: null },
      // Taken down early: it no longer stands, so it does not hold the period open.
      { place: 'village' as const, from: '2026-02-02', to: '2026-02-10' },
    ];
    const judged = (today: string) =>
      postingPeriod(judgeObligation(estimate, decided('2026-01-10'), records, today, calendar));
    // 30 days from 02/02 end on 04/03, from 05/02 on 07/03.
    expect(judged('2026-02-20')).toEqual({ runs: true, until: '2026-03-07' });
    expect(judged('2026-03-05')).toEqual({ runs: true, until: '2026-03-07' });
    expect(judged('2026-03-07')).toEqual({ runs: false });
    expect(
      postingPeriod(judgeObligation(estimate, decided('2026-01-10'), [], '2026-02-20', calendar)),
    ).toEqual({ runs: false });
  });

  it('runs with no end for a permanent posting or a plan without its last day', () => {
    const rules = rule('QUY_CHE_DAN_CHU');
    const posted = [{ place: 'office' as const, from: '2026-01-05', to: null }];
    expect(
      postingPeriod(judgeObligation(rules, decided('2026-01-02'), posted, '2026-06-01', calendar)),
    ).toEqual({ runs: true, until: null });
    const land = rule('QH_KH_SU_DUNG_DAT');
    const website = [{ place: 'website' as const, from: '2026-01-30', to: null }];
    expect(
      postingPeriod(
        judgeObligation(land, decided('2026-01-20', '2030-12-31'), website, '2026-07-01', calendar),
      ),
    ).toEqual({ runs: true, until: '2030-12-31' });
  });
});

describe('compliance counts', () => {
  it('counts each status once and the on-time share over the obligations judged', () => {
    const commune = tallyStatuses(['on_time', 'on_time', 'late', 'missing', 'taken_down_early', 'not_due']);
    expect(commune).toEqual({ on_time: 2, late: 1, missing: 1, taken_down_early: 1, not_due: 1 });
    expect(onTimeRatio(commune)).toEqual({ numerator: 2, denominator: 5 });
    const other = tallyStatuses(['on_time', 'not_due']);
    const province = addTallies(addTallies(emptyTally(), commune), other);
    expect(onTimeRatio(province)).toEqual({ numerator: 3, denominator: 6 });
  });
});

describe('the forms', () => {
  it('reads dates typed dd/mm/yyyy and refuses a link that is not http(s)', () => {
    const parsed = createObligationSchema.parse({
      unitId: 5,
      itemCode: 'NS_DU_TOAN',
      title: 'Dự toán ngân sách xã năm 2026',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '10/01/2026',
      periodFrom: '01/01/2026',
      periodTo: '',
      documentUrl: '',
    });
    expect(parsed).toMatchObject({
      decisionDate: '2026-01-10',
      periodFrom: '2026-01-01',
      periodTo: null,
      documentUrl: null,
    });
    const bad = createObligationSchema.safeParse({
      ...parsed,
      decisionDate: '10/01/2026',
      documentUrl: 'javascript:alert(1)',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['documentUrl']);
    expect(
      createRecordSchema.parse({
        place: 'village',
        placeDetail: 'Nhà văn hóa thôn Đông',
        from: '02/02/2026',
      }),
    ).toEqual({
      place: 'village',
      placeDetail: 'Nhà văn hóa thôn Đông',
      from: '2026-02-02',
      to: null,
      note: null,
    });
  });
});
