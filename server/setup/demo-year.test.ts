import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackKpis, type KpiItem } from '../../core/feedback/kpi.ts';
import { fixedClock } from '../clock.ts';
import type { Database } from '../db/engine.ts';
import { openTestDatabase, unitIdByCode } from '../test/harness.ts';
import { DEMO_YEAR, type DemoYearSummary, loadDemoYear } from './demo-year.ts';

let database: Database;
let summary: DemoYearSummary | null;
let elapsedMs: number;
const now = fixedClock('2026-12-02T10:00:00+07:00');

beforeAll(async () => {
  database = await openTestDatabase();
  const started = performance.now();
  summary = await loadDemoYear(database.db, { now });
  elapsedMs = performance.now() - started;
}, 120_000);
afterAll(() => database.close());

const rowsOf = async <T>(text: string, values: unknown[] = []) =>
  (await database.pool.query(text, values)).rows as T[];

describe('the demo year', () => {
  it('gives the province a plan with tasks for Phố Hiến and units’ own plans due in three weeks', async () => {
    console.log(`demo year loaded in ${Math.round(elapsedMs)} ms`);
    expect(summary).not.toBeNull();
    const plans = await rowsOf<{ id: number; year: number; child_plans_due: string; number: string }>(
      `select id, year, child_plans_due::text, number from plans`,
    );
    expect(plans).toEqual([
      { id: summary?.planId, year: 2026, child_plans_due: '2026-12-23', number: '204/KH-UBND' },
    ]);
    const phoHien = await unitIdByCode(database, '11953');
    const led = await rowsOf<{ n: number }>(
      `select count(*)::int as n from plan_item_units where unit_id = $1 and role = 'lead'`,
      [phoHien],
    );
    expect(led[0]?.n).toBe(4);
    const progress = await rowsOf<{ n: number }>(
      `select count(*)::int as n from plan_items where kind = 'task' and progress > 0`,
    );
    // Each reporting unit reports progress on up to two of its tasks; the plan's undated tasks are due
    // 31/12 (a year's plan), so more of them are in this year's reports.
    expect(progress[0]?.n).toBe(11);
  });

  it('puts the last closed quarter on the board in every state, the one before all accepted', async () => {
    expect(summary?.quarter).toBe('2026Q3');
    expect(summary?.previousQuarter).toBe('2026Q2');
    const byStatus = await rowsOf<{ period_code: string; status: string; n: number; late: number }>(
      `select r.period_code, r.status, count(*)::int as n,
         count(*) filter (where r.submitted_at > ((case r.period_code when '2026Q2' then '2026-06-20'
           else '2026-09-20' end) || ' 23:59:59+07')::timestamptz)::int as late
       from reports r group by 1, 2 order by 1, 2`,
    );
    expect(byStatus).toEqual([
      { period_code: '2026Q2', status: 'accepted', n: 17, late: 0 },
      { period_code: '2026Q3', status: 'accepted', n: 1, late: 0 },
      { period_code: '2026Q3', status: 'draft', n: 1, late: 0 },
      { period_code: '2026Q3', status: 'returned', n: 1, late: 0 },
      {
        period_code: '2026Q3',
        status: 'submitted',
        n: DEMO_YEAR.onTime + DEMO_YEAR.late,
        late: DEMO_YEAR.late,
      },
    ]);
  });

  it('has this year’s round in appraisal with sheets to appraise, last year’s published', async () => {
    const rounds = await rowsOf<{ id: number; year: number; stage: string; units: number; sent: number }>(
      `select r.id, r.year, r.stage, count(ru.unit_id)::int as units,
         count(ru.self_submitted_at)::int as sent
       from assessment_rounds r join round_units ru on ru.round_id = r.id group by r.id order by r.year`,
    );
    const communes = await rowsOf<{ n: number }>(
      `select count(*)::int as n from units where type = 'commune' and valid_to is null`,
    );
    expect(rounds).toEqual([
      { id: summary?.lastRoundId, year: 2025, stage: 'published', units: 20, sent: 20 },
      { id: summary?.roundId, year: 2026, stage: 'appraisal1', units: communes[0]?.n, sent: 15 },
    ]);
    const appraised = await rowsOf<{ round_id: number; units: number }>(
      `select round_id, count(distinct unit_id)::int as units from round_scores
       where appraised_score is not null group by round_id order by round_id`,
    );
    expect(appraised).toEqual([
      { round_id: summary?.lastRoundId, units: 20 },
      { round_id: summary?.roundId, units: DEMO_YEAR.appraised },
    ]);
  });

  it('has the last three months’ petitions in every state: the figures read them as the inbox does', async () => {
    const byState = await rowsOf<{ status: string; outcome: string | null; n: number }>(
      `select status, outcome, count(*)::int as n from feedback_items group by status, outcome order by status, outcome`,
    );
    expect(byState).toEqual([
      { status: 'accepted', outcome: null, n: 2 },
      { status: 'answered', outcome: 'not_resolved', n: 1 },
      { status: 'answered', outcome: 'resolved', n: 5 },
      { status: 'closed', outcome: 'resolved', n: 2 },
      { status: 'closed', outcome: 'spam', n: 1 },
      { status: 'in_progress', outcome: null, n: 1 },
      { status: 'received', outcome: null, n: 3 },
    ]);
    // Phố Hiến's are all answered: its reporter's "new" tab starts empty.
    const phoHien = await unitIdByCode(database, '11953');
    expect(
      (
        await rowsOf<{ n: number }>(
          `select count(*)::int as n from feedback_items where handling_unit_id = $1 and status = 'received'`,
          [phoHien],
        )
      )[0]?.n,
    ).toBe(0);
    // The one about waste water went to the department that licenses the plant, with its reason.
    const forwarded = await rowsOf<{ name: string; note: string }>(
      `select u.name, e.note from feedback_events e join units u on u.id = e.to_unit_id where e.action = 'forward'`,
    );
    expect(forwarded).toEqual([
      {
        name: 'Sở Nông nghiệp và Môi trường',
        note: 'Cơ sở do tỉnh cấp phép môi trường: thuộc thẩm quyền kiểm tra của Sở.',
      },
    ]);
    expect(
      (
        await rowsOf<{ n: number }>(`select count(*)::int as n from feedback_items where rating is not null`)
      )[0]?.n,
    ).toBe(5);
    // The figures on 2 December: the spam one outside; the late answer, and three past their deadline
    // unanswered (one at the department it was forwarded to), not on time.
    const items = await rowsOf<KpiItem>(
      `select status, outcome, received_on::text as "receivedOn", due_on::text as "answerDueOn",
        answered_on::text as "answeredOn", rating from feedback_items`,
    );
    expect(feedbackKpis(items, '2026-12-02')).toEqual({
      onTime: { numerator: 10, denominator: 14 },
      // Eight answered, seven resolved: the land boundary one was answered "not resolved".
      resolved: { numerator: 7, denominator: 8 },
      satisfied: { numerator: 4, denominator: 5 },
      // 4, 5, 6, 7, 8, 9, 20 and 30 days.
      medianDaysToAnswer: 7.5,
      overdue: 3,
    });
  });

  it('gives every commune and department its head’s contacts, at addresses that cannot reach a real person', async () => {
    const [counts] = await rowsOf<{ units: number; phones: number; mails: number; audited: number }>(
      `select count(*)::int as units,
        count(*) filter (where head_phone ~ '^0221 \\d{3} \\d{4}$')::int as phones,
        count(*) filter (where head_email like '%@hungyen.example')::int as mails,
        (select count(*)::int from audit_events where action = 'unit.contacts') as audited
       from units where valid_to is null and type in ('commune', 'department') and head_name is not null`,
    );
    const [all] = await rowsOf<{ n: number }>(
      `select count(*)::int as n from units where valid_to is null and type in ('commune', 'department')`,
    );
    expect(counts).toEqual({ units: all?.n, phones: all?.n, mails: all?.n, audited: all?.n });
    const [phoHien] = await rowsOf<{ head_title: string; head_email: string; address: string }>(
      `select head_title, head_email, address from units where code = '11953'`,
    );
    expect(phoHien).toEqual({
      head_title: 'Chủ tịch UBND phường',
      head_email: 'ubnd.phuongphohien@hungyen.example',
      address: 'Trụ sở UBND Phường Phố Hiến, tỉnh Hưng Yên',
    });
  });

  it('puts on the public register what the communes posted, the ward’s land-use plan left off it', async () => {
    const rows = await rowsOf<{ title: string; published_on: string | null; first_from: string | null }>(
      `select o.title,
         (o.published_at at time zone 'Asia/Ho_Chi_Minh')::date::text as published_on,
         (select min(r.from_date)::text from disclosure_records r where r.obligation_id = o.id) as first_from
       from disclosure_obligations o order by o.id`,
    );
    expect(rows).toHaveLength(10);
    const unpublished = rows.filter((row) => row.published_on === null).map((row) => row.title);
    expect(unpublished).toEqual([
      'Kế hoạch sử dụng đất năm 2026 của phường',
      'Dự án nâng cấp đường liên thôn Đông – Tây',
      'Kế hoạch phát triển kinh tế - xã hội năm 2026',
    ]);
    // Each other one went on the register the day its first posting began.
    for (const row of rows.filter((each) => each.published_on !== null))
      expect(row.published_on, row.title).toBe(row.first_from);
  });

  it('is loaded once: a second start adds nothing', async () => {
    const count = async () =>
      (
        await rowsOf<{ n: number }>(`select (select count(*) from plans) + (select count(*) from reports)
        + (select count(*) from assessment_rounds) + (select count(*) from feedback_items)
        + (select count(*) from audit_events) as n`)
      )[0]?.n;
    const before = await count();
    expect(await loadDemoYear(database.db, { now })).toBeNull();
    expect(await count()).toBe(before);
  });
});
