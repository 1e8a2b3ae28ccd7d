import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildUser,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  unitIdByCode,
} from '../test/harness.ts';

let t: TestApp;
let coordinator: Session;
let appraiser: Session;
let reporter: Session;
let provinceId: number;
let frameworkId: number;
/** Phường Phố Hiến (the reporter's commune) and two other communes of the demo province. */
let communes: [number, number, number];

beforeAll(async () => {
  t = await createTestApp();
  const as = async (role: 'coordinator' | 'appraiser' | 'unit_reporter', unitCode: string) =>
    signIn(t.app, (await buildUser(t.database, [{ role, unitCode }])).username);
  coordinator = await as('coordinator', '33');
  appraiser = await as('appraiser', '33');
  reporter = await as('unit_reporter', '11953');
  provinceId = await unitIdByCode(t.database, '33');
  communes = [
    await unitIdByCode(t.database, '11953'),
    await unitIdByCode(t.database, '12619'),
    (
      await t.database.pool.query(
        `select id from units where type = 'commune' and valid_to is null
         and code not in ('11953', '12619') order by code limit 1`,
      )
    ).rows[0].id,
  ];
  const list = (await coordinator.request('GET', '/api/frameworks')).json;
  frameworkId = list.find((framework: { code: string }) => framework.code === 'HY_CCHC_XA').id;
});
afterAll(() => t.close());

const FUTURE = {
  self: '30/06/2099',
  appraisal1: '31/07/2099',
  explanation: '15/08/2099',
  appraisal2: '31/08/2099',
  final: '30/09/2099',
};
const PAST = {
  self: '01/01/2020',
  appraisal1: '02/01/2020',
  explanation: '03/01/2020',
  appraisal2: '04/01/2020',
  final: '05/01/2020',
};

interface Round {
  id: number;
  version: number;
  stage: string;
}

async function buildRound(options: { deadlines?: typeof FUTURE; nonSubmitters?: 'excluded' | 'zero' } = {}) {
  const response = await coordinator.request('POST', '/api/rounds', {
    frameworkId,
    ownerUnitId: provinceId,
    name: 'Đợt thử chuyển giai đoạn',
    year: 2026,
    unitIds: communes,
    deadlines: options.deadlines ?? FUTURE,
    ...(options.nonSubmitters && { nonSubmitters: options.nonSubmitters }),
  });
  if (response.status !== 201) throw new Error(response.body);
  return response.json as Round;
}

/** A unit's self-assessment as sent: its leaf scores stored and the sheet marked submitted. */
async function submitted(roundId: number, unitId: number, scores: Record<string, number>) {
  for (const [code, score] of Object.entries(scores))
    await t.database.pool.query(
      'insert into round_scores (round_id, unit_id, criterion_code, self_score) values ($1, $2, $3, $4)',
      [roundId, unitId, code, score],
    );
  await t.database.pool.query(
    'update round_units set self_submitted_at = now() where round_id = $1 and unit_id = $2',
    [roundId, unitId],
  );
}

const move = (round: Round, reason?: string) =>
  coordinator.request('POST', `/api/rounds/${round.id}/advance`, { version: round.version, reason });

/** Moves on with a reason until the round is in `stage`. */
async function moveTo(round: Round, stage: string): Promise<Round> {
  let current = round;
  while (current.stage !== stage) {
    const response = await move(current, 'Theo chỉ đạo của UBND tỉnh');
    expect(response.status).toBe(200);
    current = response.json;
  }
  return current;
}

async function lastAudit(action: string, roundId: number) {
  const { rows } = await t.database.pool.query(
    'select after from audit_events where action = $1 and entity_id = $2 order by seq desc limit 1',
    [action, String(roundId)],
  );
  return rows[0]?.after;
}

describe('moving a round on against the schedule', () => {
  it('refuses a move before the deadline with units not submitted, naming both, and takes it with a reason', async () => {
    const round = await buildRound();
    await submitted(round.id, communes[0], { 'XA.1.1': 3 });
    const preview = await coordinator.request('GET', `/api/rounds/${round.id}/advance`);
    expect(preview.status).toBe(200);
    expect(preview.json).toEqual({
      from: 'self',
      to: 'appraisal1',
      deadline: '2099-06-30',
      deadlinePassed: false,
      units: 3,
      notSubmitted: 2,
      notAppraised: 1,
      awaitingExplanation: 0,
      pending: 2,
      pendingKind: 'notSubmitted',
      reasonRequired: true,
      nonSubmitters: 'excluded',
    });
    const refused = await move(round);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe(
      'Còn 2/3 đơn vị chưa nộp bản tự đánh giá; hạn giai đoạn là 30/06/2099, chưa đến. Nêu lý do nếu vẫn chuyển giai đoạn.',
    );
    expect(refused.json.error.details.fields[0].path).toBe('reason');
    expect((await move(round, '   ')).status).toBe(400);
    expect((await coordinator.request('GET', `/api/rounds/${round.id}`)).json.stage).toBe('self');

    const moved = await move(round, 'UBND tỉnh rút ngắn thời gian tự đánh giá');
    expect(moved.status).toBe(200);
    expect(moved.json.stage).toBe('appraisal1');
    expect(await lastAudit('round.advance', round.id)).toEqual({
      stage: 'appraisal1',
      reason: 'UBND tỉnh rút ngắn thời gian tự đánh giá',
      deadline: '2099-06-30',
      deadlinePassed: false,
      pending: 2,
      pendingKind: 'notSubmitted',
      units: 3,
    });
  });

  it('moves without a reason once the deadline has passed and no unit is left behind', async () => {
    const round = await buildRound({ deadlines: PAST });
    for (const unitId of communes) await submitted(round.id, unitId, { 'XA.1.1': 2 });
    const moved = await move(round);
    expect(moved.status).toBe(200);
    expect(moved.json.stage).toBe('appraisal1');
    expect(await lastAudit('round.advance', round.id)).toEqual({ stage: 'appraisal1', reason: null });
    // The first appraisal is past its deadline too, but no submitted unit has been looked at.
    const next = await coordinator.request('GET', `/api/rounds/${round.id}/advance`);
    expect(next.json).toMatchObject({ pendingKind: 'notAppraised', pending: 3, reasonRequired: true });
    expect((await move(moved.json)).json.error.message).toBe(
      'Còn 3/3 đơn vị chưa được thẩm định xong. Nêu lý do nếu vẫn chuyển giai đoạn.',
    );
  });

  it('publishing before the final stage’s deadline needs a reason too', async () => {
    const final = await moveTo(await buildRound(), 'final');
    const refused = await move(final);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe(
      'Hạn giai đoạn là 30/09/2099, chưa đến. Nêu lý do nếu vẫn chuyển giai đoạn.',
    );
    expect((await move(final, 'Công bố sớm theo kế hoạch')).json.stage).toBe('published');
  });

  it('refuses anyone but the coordinator, a stale version, and a move past publication', async () => {
    const round = await buildRound();
    expect((await reporter.request('GET', `/api/rounds/${round.id}/advance`)).status).toBe(403);
    expect(
      (await reporter.request('POST', `/api/rounds/${round.id}/advance`, { version: 1, reason: 'x' })).status,
    ).toBe(403);
    expect(
      (await appraiser.request('POST', `/api/rounds/${round.id}/advance`, { version: 1, reason: 'x' }))
        .status,
    ).toBe(403);
    expect((await coordinator.request('GET', '/api/rounds/999999/advance')).status).toBe(404);
    expect((await move({ ...round, version: round.version + 1 }, 'x')).status).toBe(409);
    const published = await moveTo(round, 'published');
    expect((await move(published, 'x')).status).toBe(409);
    expect((await coordinator.request('GET', `/api/rounds/${round.id}/advance`)).status).toBe(409);
  });
});

describe('withdrawing a publication', () => {
  it('takes the round back to the final stage, hides the results from the units, and records the reason', async () => {
    const round = await buildRound();
    await submitted(round.id, communes[0], { 'XA.1.1': 3 });
    const published = await moveTo(round, 'published');
    expect((await reporter.request('GET', `/api/rounds/${round.id}/results`)).status).toBe(200);

    const withdrawn = await coordinator.request('POST', `/api/rounds/${round.id}/withdraw`, {
      version: published.version,
      reason: 'Công bố nhầm trước khi hội đồng họp',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json).toMatchObject({ stage: 'final', publishedAt: null });
    const hidden = await reporter.request('GET', `/api/rounds/${round.id}/results`);
    expect(hidden.status).toBe(403);
    expect(await lastAudit('round.publication.withdraw', round.id)).toEqual({
      stage: 'final',
      reason: 'Công bố nhầm trước khi hội đồng họp',
    });
    // And it can be published again.
    expect((await move(withdrawn.json, 'Hội đồng đã họp')).json.stage).toBe('published');
  });

  it('refuses without a reason, before publication, on a stale version, and to anyone but the coordinator', async () => {
    const round = await buildRound();
    const withdraw = (session: Session, body: object) =>
      session.request('POST', `/api/rounds/${round.id}/withdraw`, body);
    expect((await withdraw(coordinator, { version: round.version, reason: 'x' })).status).toBe(409);
    const published = await moveTo(round, 'published');
    const noReason = await withdraw(coordinator, { version: published.version });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.details.fields[0]).toEqual({
      path: 'reason',
      message: 'Nêu lý do thu hồi công bố.',
    });
    expect((await withdraw(coordinator, { version: published.version, reason: '  ' })).status).toBe(400);
    expect((await withdraw(coordinator, { version: published.version - 1, reason: 'x' })).status).toBe(409);
    expect((await withdraw(reporter, { version: published.version, reason: 'x' })).status).toBe(403);
    expect((await withdraw(appraiser, { version: published.version, reason: 'x' })).status).toBe(403);
    expect((await coordinator.request('GET', `/api/rounds/${round.id}`)).json.stage).toBe('published');
  });
});

describe('reopening the self-assessment', () => {
  it('goes back from the first appraisal while the council has entered nothing, with a reason', async () => {
    const appraisal = await moveTo(await buildRound(), 'appraisal1');
    const reopen = (body: object) => coordinator.request('POST', `/api/rounds/${appraisal.id}/reopen`, body);
    expect((await reopen({ version: appraisal.version })).status).toBe(400);
    const reopened = await reopen({ version: appraisal.version, reason: 'Gia hạn cho các xã bị bão' });
    expect(reopened.status).toBe(200);
    expect(reopened.json.stage).toBe('self');
    expect(await lastAudit('round.reopen', appraisal.id)).toEqual({
      stage: 'self',
      reason: 'Gia hạn cho các xã bị bão',
    });
    expect((await reopen({ version: reopened.json.version, reason: 'x' })).status).toBe(409);
  });

  it('refuses once the council has scored a criterion', async () => {
    const round = await buildRound();
    await submitted(round.id, communes[0], { 'XA.1.1': 3 });
    const appraisal = await moveTo(round, 'appraisal1');
    const scored = await appraiser.request(
      'PATCH',
      `/api/rounds/${round.id}/units/${communes[0]}/scores/XA.1.1`,
      // The unit's score was written once (version 1), as submitted() stored it.
      { appraisedScore: 3, version: 1 },
    );
    expect(scored.status).toBe(200);
    const refused = await coordinator.request('POST', `/api/rounds/${round.id}/reopen`, {
      version: appraisal.version,
      reason: 'x',
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe(
      'Hội đồng đã bắt đầu thẩm định: không thể mở lại giai đoạn tự đánh giá.',
    );
    expect(
      (
        await reporter.request('POST', `/api/rounds/${round.id}/reopen`, {
          version: appraisal.version,
          reason: 'x',
        })
      ).status,
    ).toBe(403);
  });
});

describe('published results and the units that never submitted', () => {
  it('leaves non-submitters out by default: no score, band or rank, not in the average, "Không tham gia" in the export', async () => {
    const round = await buildRound();
    // Phố Hiến sent 3 + 4 points of XA.1; the second commune typed 4 + 4 and never sent them.
    await submitted(round.id, communes[0], { 'XA.1.1': 3, 'XA.1.2': 4 });
    await t.database.pool.query(
      `insert into round_scores (round_id, unit_id, criterion_code, self_score)
       values ($1, $2, 'XA.1.1', 4), ($1, $2, 'XA.1.2', 4)`,
      [round.id, communes[1]],
    );
    await moveTo(round, 'published');
    const { status, json } = await reporter.request('GET', `/api/rounds/${round.id}/results`);
    expect(status).toBe(200);
    expect(json.round.nonSubmitters).toBe('excluded');
    expect(json.participating).toBe(1);
    expect(json.units[0]).toMatchObject({
      unitId: communes[0],
      participating: true,
      total: 7,
      percent: 7,
      band: 'Yếu',
      rank: 1,
    });
    for (const unit of json.units.slice(1))
      expect(unit).toMatchObject({
        participating: false,
        total: null,
        percent: null,
        band: null,
        rank: null,
        areas: {},
        gaps: [],
      });
    expect(
      json.units
        .slice(1)
        .map((unit: { unitId: number }) => unit.unitId)
        .sort(),
    ).toEqual([communes[1], communes[2]].sort());
    // The average is Phố Hiến's own: the two left out weigh nothing.
    expect(json.average['XA.1']).toBe(7);
    expect(json.average['XA.2']).toBe(0);

    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/rounds/${round.id}/results/export?format=xlsx`,
      headers: { cookie: coordinator.cookie },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const bandColumn = sheet?.getRow(1).cellCount ?? 0;
    expect(sheet?.getRow(2).getCell(1).value).toBe('1');
    expect(sheet?.getRow(2).getCell(bandColumn).value).toBe('Yếu');
    for (const row of [3, 4]) {
      expect(sheet?.getRow(row).getCell(1).value ?? '').toBe('');
      expect(sheet?.getRow(row).getCell(bandColumn - 1).value ?? '').toBe('');
      expect(sheet?.getRow(row).getCell(bandColumn).value).toBe('Không tham gia');
    }
  });

  it('under the explicit "zero" rule scores non-submitters 0 on nothing they typed, and ranks them', async () => {
    const round = await buildRound({ nonSubmitters: 'zero' });
    await submitted(round.id, communes[0], { 'XA.1.1': 3 });
    await t.database.pool.query(
      `insert into round_scores (round_id, unit_id, criterion_code, self_score) values ($1, $2, 'XA.1.1', 4)`,
      [round.id, communes[1]],
    );
    await moveTo(round, 'published');
    const { json } = await coordinator.request('GET', `/api/rounds/${round.id}/results`);
    expect(json.round.nonSubmitters).toBe('zero');
    expect(json.units.map((unit: { rank: number; total: number }) => [unit.rank, unit.total])).toEqual([
      [1, 3],
      [2, 0],
      [2, 0],
    ]);
    expect(json.units[1]).toMatchObject({ participating: true, band: 'Yếu' });
    expect(json.average['XA.1']).toBe(1);
  });

  it('a non-submitter’s own sheet shows its typed total while it may still send, and no score once the stage is over', async () => {
    const round = await buildRound();
    const sheetUrl = `/api/rounds/${round.id}/units/${communes[0]}`;
    expect(
      (await reporter.request('PATCH', `${sheetUrl}/scores/XA.1.2`, { selfScore: 4, version: 0 })).status,
    ).toBe(200);
    const open = await reporter.request('GET', sheetUrl);
    expect(open.json).toMatchObject({ participating: true, total: 4, percent: 4, band: 'Yếu' });
    await moveTo(round, 'appraisal1');
    const closed = await reporter.request('GET', sheetUrl);
    expect(closed.json).toMatchObject({ participating: false, total: null, percent: null, band: null });
    expect(
      closed.json.criteria.find((criterion: { code: string }) => criterion.code === 'XA.1.2'),
    ).toMatchObject({
      selfScore: 4,
      score: null,
    });
  });

  it('refuses a rule that does not exist', async () => {
    const response = await coordinator.request('POST', '/api/rounds', {
      frameworkId,
      ownerUnitId: provinceId,
      name: 'Thử',
      year: 2026,
      unitIds: communes,
      deadlines: FUTURE,
      nonSubmitters: 'average',
    });
    expect(response.status).toBe(400);
    expect(response.json.error.details.fields[0].path).toBe('nonSubmitters');
  });
});
