import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Todo } from '../../core/todos.ts';
import {
  buildReport,
  buildRound,
  COMMUNE_A,
  COMMUNE_B,
  FUTURE_DEADLINES,
  signInAs,
} from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-04-02T03:00:00Z') });
});
afterAll(() => t.close());

type Listed = { kind: string; title: string; body: string | null; link: string };

async function notificationsOf(session: Session): Promise<Listed[]> {
  const listed = await session.request('GET', '/api/notifications?perPage=100');
  expect(listed.status).toBe(200);
  return listed.json.items;
}

const mailStates = async (kind: string) =>
  (
    await t.database.pool.query('select distinct mail_state from notifications where kind = $1', [kind])
  ).rows.map((row) => row.mail_state);

type Round = { id: number; version: number; stage: string };

describe('round steps the units hear of', () => {
  it('reopening the self-assessment asks every unit of the round again, with the reason', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    let round: Round = await buildRound(t, { coordinator, name: 'Đợt mở lại' });
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const headB = await signInAs(t, 'unit_head', COMMUNE_B);
    const moved = await coordinator.request('POST', `/api/rounds/${round.id}/advance`, {
      version: round.version,
      reason: 'Theo chỉ đạo của UBND tỉnh',
    });
    expect(moved.status).toBe(200);
    round = moved.json;
    const reopened = await coordinator.request('POST', `/api/rounds/${round.id}/reopen`, {
      version: round.version,
      reason: 'Gia hạn cho các xã bổ sung kiểm chứng',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.json.stage).toBe('self');
    const [a, b] = [await unitIdByCode(t.database, COMMUNE_A), await unitIdByCode(t.database, COMMUNE_B)];
    for (const [session, unitId] of [
      [reporterA, a],
      [headB, b],
    ] as const)
      expect((await notificationsOf(session))[0]).toEqual({
        kind: 'round.reopen',
        title: 'Đợt đánh giá “Đợt mở lại” mở lại giai đoạn tự đánh giá (hạn 30/06/2099)',
        body: 'Lý do: Gia hạn cho các xã bổ sung kiểm chứng',
        link: `/assessment/rounds/${round.id}/units/${unitId}`,
        id: expect.any(Number),
        createdAt: expect.any(String),
        readAt: null,
      });
    expect(await mailStates('round.reopen')).toEqual(['pending']);
    expect((await notificationsOf(coordinator)).filter((entry) => entry.kind === 'round.reopen')).toEqual([]);
  });

  it('publishing tells every unit of the round and its managers where the result is; withdrawing tells them why', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const otherManager = await signInAs(t, 'coordinator', '33');
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const outsider = await signInAs(t, 'unit_reporter', '33.SNV');
    let round: Round = await buildRound(t, { coordinator, name: 'Đợt công bố' });
    while (round.stage !== 'published') {
      const moved = await coordinator.request('POST', `/api/rounds/${round.id}/advance`, {
        version: round.version,
        reason: 'Rút ngắn theo chỉ đạo',
      });
      expect(moved.status).toBe(200);
      round = moved.json;
    }
    const published = {
      kind: 'round.published',
      title: 'Đợt đánh giá “Đợt công bố” đã công bố kết quả',
      body: null,
      link: `/assessment/rounds/${round.id}/results`,
    };
    expect((await notificationsOf(reporterA))[0]).toMatchObject(published);
    expect((await notificationsOf(otherManager))[0]).toMatchObject(published);
    expect((await notificationsOf(coordinator)).map((entry) => entry.kind)).not.toContain('round.published');
    expect(await notificationsOf(outsider)).toEqual([]);
    // Everyone of the round is told once (a unit's people are not told per criterion or per stage).
    const told = await t.database.pool.query(
      `select count(*)::int as n, count(distinct user_id)::int as people from notifications
        where kind = 'round.published' and link = $1`,
      [published.link],
    );
    expect(told.rows[0].n).toBe(told.rows[0].people);

    const withdrawn = await coordinator.request('POST', `/api/rounds/${round.id}/withdraw`, {
      version: round.version,
      reason: 'Sai sót điểm thưởng của hai xã',
    });
    expect(withdrawn.status).toBe(200);
    const back = {
      kind: 'round.withdrawn',
      title: 'Đợt đánh giá “Đợt công bố”: kết quả đã thu hồi công bố',
      body: 'Lý do: Sai sót điểm thưởng của hai xã',
      link: `/assessment/rounds/${round.id}/results`,
    };
    expect((await notificationsOf(reporterA))[0]).toMatchObject(back);
    expect((await notificationsOf(otherManager))[0]).toMatchObject(back);
    expect(await notificationsOf(outsider)).toEqual([]);
    // Nothing is asked of anyone: told in the app, not e-mailed.
    expect(await mailStates('round.published')).toEqual([null]);
    expect(await mailStates('round.withdrawn')).toEqual([null]);
  });
});

describe('the second appraisal', () => {
  it('"Phiếu chờ thẩm định" goes down as the council enters each explained sheet again', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const appraiser = await signInAs(t, 'appraiser', '33');
    const [a, b] = [await unitIdByCode(t.database, COMMUNE_A), await unitIdByCode(t.database, COMMUNE_B)];
    const sessions = {
      [a]: {
        unit: await signInAs(t, 'unit_reporter', COMMUNE_A),
        council: await signInAs(t, 'appraiser', COMMUNE_A),
      },
      [b]: {
        unit: await signInAs(t, 'unit_reporter', COMMUNE_B),
        council: await signInAs(t, 'appraiser', COMMUNE_B),
      },
    };
    const frameworks = (await coordinator.request('GET', '/api/frameworks')).json as {
      id: number;
      code: string;
    }[];
    const created = await coordinator.request('POST', '/api/rounds', {
      frameworkId: frameworks.find((entry) => entry.code === 'HY_CCHC_XA')?.id,
      ownerUnitId: await unitIdByCode(t.database, '33'),
      name: 'Đợt thẩm định lần 2',
      year: 2026,
      unitIds: [a, b],
      deadlines: FUTURE_DEADLINES,
    });
    expect(created.status).toBe(201);
    let round: Round = created.json;
    const advance = async (stage: string) => {
      const moved = await coordinator.request('POST', `/api/rounds/${round.id}/advance`, {
        version: round.version,
        reason: 'Rút ngắn theo chỉ đạo',
      });
      expect(moved.status).toBe(200);
      round = moved.json;
      expect(round.stage).toBe(stage);
    };
    const score = async (session: Session, unitId: number, body: Record<string, unknown>) => {
      const saved = await session.request(
        'PATCH',
        `/api/rounds/${round.id}/units/${unitId}/scores/XA.1.1`,
        body,
      );
      expect(saved.status).toBe(200);
    };
    const toAppraise = async (session: Session) => {
      const listed = await session.request('GET', '/api/todos');
      return (listed.json.items as Todo[]).find((entry) => entry.kind === 'sheetsToAppraise')?.count;
    };
    for (const unitId of [a, b]) {
      await score(sessions[unitId]!.unit, unitId, { selfScore: 2, version: 0 });
      // Stored as sent (the whole sheet need not be filled for this count).
      await t.database.pool.query(
        'update round_units set self_submitted_at = now() where round_id = $1 and unit_id = $2',
        [round.id, unitId],
      );
    }
    await advance('appraisal1');
    for (const unitId of [a, b])
      await score(appraiser, unitId, { returnedReason: 'Thiếu văn bản kiểm chứng', version: 1 });
    await advance('explanation');
    for (const unitId of [a, b])
      await score(sessions[unitId]!.unit, unitId, { explanation: 'Đã bổ sung quyết định', version: 2 });
    await advance('appraisal2');
    expect([await toAppraise(sessions[a]!.council), await toAppraise(sessions[b]!.council)]).toEqual([1, 1]);
    await score(appraiser, a, { appraisedScore: 2, version: 3 });
    expect([await toAppraise(sessions[a]!.council), await toAppraise(sessions[b]!.council)]).toEqual([0, 1]);
    await score(appraiser, b, { appraisedScore: 1, appraisalReason: 'Kiểm chứng chưa đủ', version: 3 });
    expect(await toAppraise(sessions[b]!.council)).toBe(0);
  });
});

describe('report steps the unit hears of', () => {
  it('an accepted report tells the reporter and head in the app only; one returned tells both and is e-mailed', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const reporter = await signInAs(t, 'unit_reporter', '33.STP');
    const head = await signInAs(t, 'unit_head', '33.STP');
    const accepted = await buildReport(t, { unitCode: '33.STP', periodCode: '2025Q4', submit: true });
    const step = (report: { id: number; version: number }, action: string, reason?: string) =>
      coordinator.request('POST', `/api/reports/${report.id}/transitions`, {
        action,
        reason,
        version: report.version,
      });
    expect((await step(accepted, 'accept')).status).toBe(200);
    for (const session of [reporter, head])
      expect((await notificationsOf(session))[0]).toMatchObject({
        kind: 'report.accept',
        title: 'Báo cáo quý IV/2025 của Sở Tư pháp đã được tiếp nhận',
        link: `/reports/${accepted.id}`,
      });
    const returned = await buildReport(t, { unitCode: '33.STP', periodCode: '2026Q1', submit: true });
    expect((await step(returned, 'return', 'Thiếu biểu mẫu')).status).toBe(200);
    for (const session of [reporter, head])
      expect((await notificationsOf(session))[0]).toMatchObject({
        kind: 'report.return',
        title: 'Báo cáo quý I/2026 của Sở Tư pháp bị trả lại: Thiếu biểu mẫu',
        link: `/reports/${returned.id}`,
      });
    const states = await t.database.pool.query(
      `select kind, mail_state from notifications where link in ($1, $2) and kind <> 'report.submit'
        order by kind, mail_state`,
      [`/reports/${accepted.id}`, `/reports/${returned.id}`],
    );
    expect(new Set(states.rows.map((row) => `${row.kind}:${row.mail_state}`))).toEqual(
      new Set(['report.accept:null', 'report.return:pending']),
    );
  });
});
