import { describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../audit/audit-words.ts';
import { workdayCalendar } from '../periods/workdays.ts';
import { ruleInWords } from './labels.ts';
import { createRuleSchema, recordSessionSchema } from './reception-schemas.ts';
import {
  delegationAllowed,
  expandRule,
  frequencyCheck,
  isoWeekday,
  minimumInForce,
  monthlyDay,
  noticeDue,
  publishTiming,
} from './schedule.ts';

const calendar = workdayCalendar();
const weekly = (weekday: number) => ({
  frequency: 'weekly' as const,
  weekday,
  monthWeek: null,
  monthDay: null,
  validFrom: '2026-01-01',
  validTo: null,
});

describe('expanding a rule into reception days', () => {
  it('a weekly Thursday across Tết 2027: the Thursday off (11/02, a day in lieu) moves to Friday 12/02', () => {
    expect(expandRule(weekly(4), '2027-01-28', '2027-02-25', calendar)).toEqual([
      { on: '2027-01-28', movedFrom: null },
      { on: '2027-02-04', movedFrom: null },
      { on: '2027-02-12', movedFrom: '2027-02-11' },
      { on: '2027-02-18', movedFrom: null },
      { on: '2027-02-25', movedFrom: null },
    ]);
  });

  it('a weekly Tuesday in Tết week moves to the first working day after the holidays', () => {
    expect(expandRule(weekly(2), '2027-02-01', '2027-02-16', calendar)).toEqual([
      { on: '2027-02-02', movedFrom: null },
      { on: '2027-02-12', movedFrom: '2027-02-09' },
      { on: '2027-02-16', movedFrom: null },
    ]);
  });

  it('a weekly Thursday whose Thursday is a holiday moves to the next working day (Quốc khánh 2026 eve is Tuesday; 30/4/2026 is Thursday)', () => {
    expect(expandRule(weekly(4), '2026-04-23', '2026-05-07', calendar)).toEqual([
      { on: '2026-04-23', movedFrom: null },
      // 30/4 (Thursday) and 1/5 (Friday) are holidays: the next working day is Monday 4/5.
      { on: '2026-05-04', movedFrom: '2026-04-30' },
      { on: '2026-05-07', movedFrom: null },
    ]);
  });

  it('monthly on the last Friday: 30/04/2027 is a holiday, 1/5 a Saturday made up on Monday 3/5, so Tuesday 4/5', () => {
    const rule = { frequency: 'monthly' as const, weekday: 5, monthWeek: -1, monthDay: null };
    expect(monthlyDay(rule, 2027, 1)).toBe('2027-01-29');
    expect(
      expandRule({ ...rule, validFrom: '2027-01-01', validTo: null }, '2027-01-01', '2027-05-31', calendar),
    ).toEqual([
      { on: '2027-01-29', movedFrom: null },
      { on: '2027-02-26', movedFrom: null },
      { on: '2027-03-26', movedFrom: null },
      { on: '2027-05-04', movedFrom: '2027-04-30' },
      { on: '2027-05-28', movedFrom: null },
    ]);
  });

  it('monthly on the second Monday and on day 31 (a short month takes its last day)', () => {
    const second = { frequency: 'monthly' as const, weekday: 1, monthWeek: 2, monthDay: null };
    expect([monthlyDay(second, 2026, 12), monthlyDay(second, 2027, 3)]).toEqual(['2026-12-14', '2027-03-08']);
    const day31 = { frequency: 'monthly' as const, weekday: null, monthWeek: null, monthDay: 31 };
    expect(
      expandRule({ ...day31, validFrom: '2027-01-01', validTo: null }, '2027-01-01', '2027-04-30', calendar),
    ).toEqual(
      [
        // 31/01/2027 is a Sunday: Monday 1/2.
        { on: '2027-02-01', movedFrom: '2027-01-31' },
        // 28/02/2027 is a Sunday: Monday 1/3.
        { on: '2027-03-01', movedFrom: '2027-02-28' },
        { on: '2027-03-31', movedFrom: null },
        // 30/04 is a holiday (and 1/5 a Saturday made up on Monday 3/5).
        { on: '2027-05-04', movedFrom: '2027-04-30' },
      ].map((day) => day),
    );
  });

  it('keeps to the rule’s validity', () => {
    expect(
      expandRule(
        { ...weekly(3), validFrom: '2026-12-09', validTo: '2026-12-23' },
        '2026-12-01',
        '2026-12-31',
        calendar,
      ),
    ).toEqual([
      { on: '2026-12-09', movedFrom: null },
      { on: '2026-12-16', movedFrom: null },
      { on: '2026-12-23', movedFrom: null },
    ]);
    expect(isoWeekday('2026-12-06')).toBe(7);
  });
});

describe('the legal minimum per host level', () => {
  it('as dated rules with their basis; "other" has none', () => {
    expect(minimumInForce('commune_chair', '2026-12-03')).toMatchObject({
      per: 'week',
      days: 1,
      basis: 'Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d',
    });
    expect(minimumInForce('party_commune', '2026-12-03')).toMatchObject({ per: 'month', days: 2 });
    expect(
      ['province_chair', 'agency_head', 'public_service_head', 'party_province'].map(
        (level) => minimumInForce(level as 'agency_head', '2026-12-03')?.days,
      ),
    ).toEqual([1, 1, 1, 1]);
    expect(minimumInForce('other', '2026-12-03')).toBeNull();
    expect(minimumInForce('commune_chair', '2014-06-30')).toBeNull();
  });

  it('says which weeks fall short: held and planned count, postponed and cancelled do not', () => {
    const result = frequencyCheck(
      [{ level: 'commune_chair', validFrom: '2026-01-01', validTo: null }],
      [
        { on: '2026-11-05', hostLevel: 'commune_chair', status: 'held' },
        { on: '2026-11-12', hostLevel: 'commune_chair', status: 'cancelled' },
        { on: '2026-11-19', hostLevel: 'commune_chair', status: 'postponed' },
        { on: '2026-11-20', hostLevel: 'commune_chair', status: 'planned' },
        // Another level's day does not count for the chairman.
        { on: '2026-11-26', hostLevel: 'party_commune', status: 'held' },
      ],
      '2026-11-02',
      '2026-11-29',
      calendar,
    );
    expect(
      result.map((bucket) => [bucket.from, bucket.to, bucket.held, bucket.planned, bucket.short]),
    ).toEqual([
      ['2026-11-02', '2026-11-08', 1, 0, false],
      ['2026-11-09', '2026-11-15', 0, 0, true],
      ['2026-11-16', '2026-11-22', 0, 1, false],
      ['2026-11-23', '2026-11-29', 0, 0, true],
    ]);
    expect(result[0]?.basis).toBe('Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d');
  });

  it('a Party commune secretary needs two days a month; a week of Tết with no working day is never short', () => {
    const party = frequencyCheck(
      [{ level: 'party_commune', validFrom: '2026-01-01', validTo: null }],
      [
        { on: '2026-10-08', hostLevel: 'party_commune', status: 'held' },
        { on: '2026-11-05', hostLevel: 'party_commune', status: 'held' },
        { on: '2026-11-19', hostLevel: 'party_commune', status: 'held' },
      ],
      '2026-10-01',
      '2026-11-30',
      calendar,
    );
    expect(party.map((bucket) => [bucket.from, bucket.required, bucket.held, bucket.short])).toEqual([
      ['2026-10-01', 2, 1, true],
      ['2026-11-01', 2, 2, false],
    ]);
    const offWeek = workdayCalendar({ daysOff: ['2027-02-12'] });
    const tet = frequencyCheck(
      [{ level: 'commune_chair', validFrom: '2026-01-01', validTo: null }],
      [],
      '2027-02-08',
      '2027-02-14',
      offWeek,
    );
    expect(tet.map((bucket) => bucket.short)).toEqual([false]);
  });
});

describe('publication ahead and the notice clock', () => {
  it('publish no later than 5 working days before: Thursday 17/12/2026 → by Thursday 10/12', () => {
    expect(publishTiming('2026-12-17', '2026-12-10', calendar)).toEqual({
      publishBy: '2026-12-10',
      late: false,
      basis: 'Luật Tiếp công dân 2013, Điều 24 khoản 4',
    });
    expect(publishTiming('2026-12-17', '2026-12-11', calendar).late).toBe(true);
    // Across Tết 2027: 05/02–11/02 are days off, so Friday 12/02 must be published by Friday 29/01.
    expect(publishTiming('2027-02-12', '2027-02-04', calendar)).toMatchObject({
      publishBy: '2027-01-29',
      late: true,
    });
  });

  it('tells the citizen within 10 working days of receipt (Điều 28)', () => {
    expect(noticeDue('2026-12-03', calendar)).toEqual({
      dueOn: '2026-12-17',
      basis: 'Luật Tiếp công dân 2013, Điều 28 khoản 1',
    });
    // Received Thursday 28/01/2027: Tết takes 05/02–11/02, so the 10th working day is Thursday 18/02.
    expect(noticeDue('2027-01-28', calendar).dueOn).toBe('2027-02-18');
  });
});

describe('the forms', () => {
  it('a weekly rule needs its weekday; the end after the start', () => {
    const base = {
      unitId: 1,
      hostLevel: 'commune_chair',
      hostTitle: 'Chủ tịch UBND xã',
      frequency: 'weekly',
      startTime: '08:00',
      endTime: '07:00',
      location: 'Trụ sở UBND xã',
      validFrom: '01/01/2027',
    };
    const refused = createRuleSchema.safeParse(base);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['endTime', 'weekday']);
    const ok = createRuleSchema.parse({ ...base, endTime: '11:00', weekday: 4 });
    expect([ok.validFrom, ok.validTo, ok.weekday]).toEqual(['2027-01-01', null, 4]);
    expect(recordSessionSchema.safeParse({ version: 1, privacy: 'counts' }).success).toBe(false);
  });

  it('names a rule in words', () => {
    expect(ruleInWords({ frequency: 'weekly', weekday: 4, monthWeek: null, monthDay: null })).toEqual({
      vi: 'Thứ Năm hằng tuần',
      en: 'Every Thursday',
    });
    expect(ruleInWords({ frequency: 'monthly', weekday: 5, monthWeek: -1, monthDay: null }).vi).toBe(
      'Thứ Sáu cuối cùng của tháng',
    );
    expect(ruleInWords({ frequency: 'monthly', weekday: null, monthWeek: null, monthDay: 15 }).en).toBe(
      'Day 15 of each month',
    );
  });
});

describe('delegated reception', () => {
  it('is allowed by default before 01/07/2026, off from then (unconfirmed), and the province may decide', () => {
    expect(delegationAllowed('2026-06-30', null).allowed).toBe(true);
    expect(delegationAllowed('2026-07-01', null)).toEqual({
      allowed: false,
      basis:
        'Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân (không ủy quyền cấp phó tiếp công dân; chưa xác nhận văn bản)',
    });
    expect(delegationAllowed('2026-12-03', true)).toEqual({ allowed: true, basis: 'Quy định của tỉnh' });
    expect(delegationAllowed('2026-01-05', false).allowed).toBe(false);
  });
});

describe('the audit log in words', () => {
  it('names the unit, never the citizen', () => {
    const event = {
      action: 'reception.entry.create',
      entityType: 'reception_entry',
      actorName: 'Lê Thu',
      names: {
        actor: null,
        entity: null,
        unit: 'Phường Phố Hiến',
        round: null,
        criterion: null,
        period: null,
      },
    };
    expect(describeAuditEvent(event, 'vi')).toBe(
      'Lê Thu đã ghi một dòng sổ tiếp công dân của Phường Phố Hiến',
    );
    expect(describeAuditEvent(event, 'en')).toBe(
      'Lê Thu wrote a line of the reception register of Phường Phố Hiến',
    );
  });
});
