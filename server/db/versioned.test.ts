import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildUser,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  unitIdByCode,
} from '../test/harness.ts';

// Two people writing the same record: each read version N, both write, the second gets 409 with the
// record as it is now (value, who, when), never a silent overwrite. One case per editable record type.

const SEED = readFileSync(
  new URL('../../core/plans/fixtures/hung-yen-papi-2020.txt', import.meta.url),
  'utf8',
);
const FUTURE = {
  self: '30/06/2099',
  appraisal1: '31/07/2099',
  explanation: '15/08/2099',
  appraisal2: '31/08/2099',
  final: '30/09/2099',
};

let t: TestApp;
let coordinator: Session;
let secondCoordinator: Session;
let provinceId: number;
let communeId: number;
let snvId: number;

beforeAll(async () => {
  t = await createTestApp();
  const as = async (role: 'coordinator', unitCode: string) =>
    signIn(t.app, (await buildUser(t.database, [{ role, unitCode }])).username);
  coordinator = await as('coordinator', '33');
  secondCoordinator = await as('coordinator', '33');
  provinceId = await unitIdByCode(t.database, '33');
  communeId = await unitIdByCode(t.database, '11953');
  snvId = await unitIdByCode(t.database, '33.SNV');
});
afterAll(() => t.close());

/** Two sessions of two people with the same role on the same unit. */
async function twoPeople(role: 'unit_reporter' | 'unit_head', unitCode: string) {
  const first = await buildUser(t.database, [{ role, unitCode }]);
  const second = await buildUser(t.database, [{ role, unitCode }]);
  return [await signIn(t.app, first.username), await signIn(t.app, second.username)] as const;
}

function expectConflict(
  response: { status: number; json: any },
  current: { version: number; record: unknown; by: string },
) {
  expect(response.status).toBe(409);
  expect(response.json.error.code).toBe('VERSION_CONFLICT');
  expect(response.json.error.details.current).toMatchObject({
    version: current.version,
    record: current.record,
    updatedBy: { name: current.by },
  });
  expect(Date.parse(response.json.error.details.current.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
}

const nameOf = async (session: Session) => (await session.request('GET', '/api/auth/me')).json.user.fullName;

async function buildRound() {
  const frameworks = (await coordinator.request('GET', '/api/frameworks')).json;
  const framework = frameworks.find((entry: { code: string }) => entry.code === 'HY_CCHC_XA');
  const created = await coordinator.request('POST', '/api/rounds', {
    frameworkId: framework.id,
    ownerUnitId: provinceId,
    name: `Vòng thử phiên bản ${Math.random()}`,
    year: 2026,
    unitType: 'commune',
    deadlines: FUTURE,
  });
  expect(created.status).toBe(201);
  return created.json.id as number;
}

describe('assessment scores', () => {
  const scoreUrl = (roundId: number, code = 'XA.1.1') =>
    `/api/rounds/${roundId}/units/${communeId}/scores/${code}`;

  it('two people score the same criterion from the same version: the second is a 409 with the first’s score', async () => {
    const roundId = await buildRound();
    const [anh, binh] = await twoPeople('unit_reporter', '11953');
    const sheet = (await anh.request('GET', `/api/rounds/${roundId}/units/${communeId}`)).json;
    const criterion = sheet.criteria.find((entry: { code: string }) => entry.code === 'XA.1.1');
    expect(criterion.version).toBe(0);
    const first = await anh.request('PATCH', scoreUrl(roundId), {
      selfScore: 3,
      selfComment: 'Anh',
      version: 0,
    });
    expect(first.status).toBe(200);
    const saved = first.json.criteria.find((entry: { code: string }) => entry.code === 'XA.1.1');
    expect(saved).toMatchObject({ selfScore: 3, selfComment: 'Anh', version: 1 });
    const second = await binh.request('PATCH', scoreUrl(roundId), { selfScore: 1, version: 0 });
    expectConflict(second, {
      version: 1,
      record: { selfScore: 3, selfComment: 'Anh' },
      by: await nameOf(anh),
    });
    expect(second.json.error.details.criterion).toBe('XA.1.1');
    // Binh keeps his own: re-sent over the version he now knows.
    const kept = await binh.request('PATCH', scoreUrl(roundId), { selfScore: 1, version: 1 });
    expect(kept.status).toBe(200);
    const stale = await anh.request('PATCH', scoreUrl(roundId), { selfScore: 2, version: 1 });
    expectConflict(stale, { version: 2, record: { selfScore: 1 }, by: await nameOf(binh) });
  });

  it('20 parallel writes of the same version: exactly one is taken, the others are 409', async () => {
    const roundId = await buildRound();
    const [anh] = await twoPeople('unit_reporter', '11953');
    await anh.request('PATCH', scoreUrl(roundId), { selfScore: 0, version: 0 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        anh.request('PATCH', scoreUrl(roundId), { selfScore: (index % 3) + 0.5, version: 1 }),
      ),
    );
    const statuses = results.map((result) => result.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const sheet = (await anh.request('GET', `/api/rounds/${roundId}/units/${communeId}`)).json;
    expect(sheet.criteria.find((entry: { code: string }) => entry.code === 'XA.1.1').version).toBe(2);
  });

  it('20 parallel first writes (version 0) of a criterion never saved: exactly one is taken', async () => {
    const roundId = await buildRound();
    const [anh] = await twoPeople('unit_reporter', '11953');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        anh.request('PATCH', scoreUrl(roundId, 'XA.1.2'), { selfScore: 1, version: 0 }),
      ),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    expect(results.filter((result) => result.status === 409)).toHaveLength(19);
  });

  it('a version above 2³¹−1, negative or missing is a 400 naming the field', async () => {
    const roundId = await buildRound();
    const [anh] = await twoPeople('unit_reporter', '11953');
    for (const version of [2_147_483_648, -1, 1.5, undefined]) {
      const refused = await anh.request('PATCH', scoreUrl(roundId), { selfScore: 1, version });
      expect(refused.status).toBe(400);
      expect(refused.json.error.details.fields[0].path).toBe('version');
    }
  });
});

describe('entered indicator values', () => {
  const url = (unitId: number, period: string) => `/api/units/${unitId}/indicator-values?period=${period}`;

  it('two people enter the same indicator from the same version: the second is a 409 naming the indicator', async () => {
    const [anh, binh] = await twoPeople('unit_reporter', '11953');
    const read = (await anh.request('GET', url(communeId, '2026Q2'))).json;
    const indicator = read.items.find((item: { kind: string }) => item.kind === 'ratio');
    expect(indicator.version).toBe(0);
    const first = await anh.request('PUT', url(communeId, '2026Q2'), {
      values: [{ indicatorCode: indicator.code, numerator: 7, denominator: 10, note: 'Anh', version: 0 }],
    });
    expect(first.status).toBe(200);
    expect(first.json.items.find((item: { code: string }) => item.code === indicator.code)).toMatchObject({
      numerator: 7,
      denominator: 10,
      version: 1,
    });
    const second = await binh.request('PUT', url(communeId, '2026Q2'), {
      values: [{ indicatorCode: indicator.code, numerator: 9, denominator: 10, note: 'Bình', version: 0 }],
    });
    expectConflict(second, {
      version: 1,
      record: { indicatorCode: indicator.code, numerator: 7, denominator: 10, note: 'Anh' },
      by: await nameOf(anh),
    });
    expect(second.json.error.details).toMatchObject({ indicatorCode: indicator.code, path: 'values.0' });
    const after = (await anh.request('GET', url(communeId, '2026Q2'))).json;
    expect(after.items.find((item: { code: string }) => item.code === indicator.code).numerator).toBe(7);
  });

  it('clearing a value someone changed since is a 409; clearing the version read removes it', async () => {
    const [anh, binh] = await twoPeople('unit_reporter', '11953');
    const read = (await anh.request('GET', url(communeId, '2026Q3'))).json;
    const code = read.items.find((item: { kind: string }) => item.kind === 'ratio').code;
    await anh.request('PUT', url(communeId, '2026Q3'), {
      values: [{ indicatorCode: code, numerator: 1, denominator: 4, version: 0 }],
    });
    await binh.request('PUT', url(communeId, '2026Q3'), {
      values: [{ indicatorCode: code, numerator: 2, denominator: 4, version: 1 }],
    });
    const stale = await anh.request('PUT', url(communeId, '2026Q3'), {
      values: [{ indicatorCode: code, numerator: null, denominator: null, version: 1 }],
    });
    expectConflict(stale, { version: 2, record: { numerator: 2 }, by: await nameOf(binh) });
    const cleared = await anh.request('PUT', url(communeId, '2026Q3'), {
      values: [{ indicatorCode: code, numerator: null, denominator: null, version: 2 }],
    });
    expect(cleared.status).toBe(200);
    expect(cleared.json.items.find((item: { code: string }) => item.code === code)).toMatchObject({
      numerator: null,
      version: 0,
    });
  });

  it('20 parallel saves of the same version: exactly one is taken', async () => {
    const [anh] = await twoPeople('unit_reporter', '11953');
    const read = (await anh.request('GET', url(communeId, '2026Q4'))).json;
    const code = read.items.find((item: { kind: string }) => item.kind === 'ratio').code;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        anh.request('PUT', url(communeId, '2026Q4'), {
          values: [{ indicatorCode: code, numerator: index, denominator: 20, version: 0 }],
        }),
      ),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    expect(results.filter((result) => result.status === 409)).toHaveLength(19);
  });
});

describe('indicator targets', () => {
  it('two coordinators edit the same target: the second is a 409 with the first’s threshold', async () => {
    const catalogue = (await coordinator.request('GET', '/api/indicators')).json;
    const indicator = (Array.isArray(catalogue) ? catalogue : catalogue.items).find(
      (entry: { kind: string }) => entry.kind === 'ratio',
    );
    const body = {
      indicatorCode: indicator.code,
      unitId: communeId,
      unitType: null,
      periodCode: '2031',
      operator: '>=',
      threshold: 80,
      riskMargin: 5,
      note: null,
    };
    const created = await coordinator.request('POST', '/api/indicator-targets', body);
    expect(created.status).toBe(201);
    expect(created.json.version).toBe(1);
    const url = `/api/indicator-targets/${created.json.id}`;
    const first = await coordinator.request('PUT', url, { ...body, threshold: 90, version: 1 });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ threshold: 90, version: 2 });
    const second = await secondCoordinator.request('PUT', url, { ...body, threshold: 70, version: 1 });
    expectConflict(second, { version: 2, record: { threshold: 90 }, by: await nameOf(coordinator) });
    const missing = await secondCoordinator.request('PUT', url, { ...body, threshold: 70 });
    expect(missing.status).toBe(400);
  });
});

describe('installation settings', () => {
  it('two coordinators save the reminder settings from the same version: the second is a 409', async () => {
    const [first, second] = await Promise.all([
      buildUser(t.database, [{ role: 'coordinator', unitCode: null }]),
      buildUser(t.database, [{ role: 'coordinator', unitCode: null }]),
    ]);
    const anh = await signIn(t.app, first.username);
    const binh = await signIn(t.app, second.username);
    const read = (await anh.request('GET', '/api/settings/reminders')).json;
    const saved = await anh.request('PUT', '/api/settings/reminders', {
      before: [2],
      after: [1],
      workingDays: true,
      version: read.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ before: [2], after: [1], workingDays: true, version: read.version + 1 });
    const stale = await binh.request('PUT', '/api/settings/reminders', {
      before: [5],
      after: [5],
      workingDays: false,
      version: read.version,
    });
    expectConflict(stale, {
      version: read.version + 1,
      record: { before: [2], after: [1], workingDays: true },
      by: await nameOf(anh),
    });
    expect((await binh.request('GET', '/api/settings/reminders')).json).toEqual(saved.json);
  });
});

/** A provincial plan whose tasks Sở Nội vụ leads, and the department's report for a period. */
async function buildPlanAndReport(periodCode: string) {
  const preview = (await coordinator.request('POST', '/api/plans/preview', { text: SEED })).json;
  const saved = await coordinator.request('POST', '/api/plans', {
    unitId: provinceId,
    number: preview.plan.document.number,
    type: 'KH',
    issuedOn: preview.plan.document.issuedOn,
    title: preview.plan.document.title,
    year: 2026,
    indices: preview.plan.indices,
    sections: preview.plan.sections,
    tasks: preview.plan.tasks.map((task: { lead: string[]; support: string[] }) => ({
      ...task,
      leadNames: task.lead,
      supportNames: task.support,
    })),
    targets: [],
    agencies: preview.agencies.map((agency: { name: string; unit: { id: number } | null }) => ({
      name: agency.name,
      unitId: agency.unit?.id ?? null,
    })),
  });
  expect(saved.status).toBe(201);
  const [reporter, other] = await twoPeople('unit_reporter', '33.SNV');
  const opened = await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode });
  expect(opened.status).toBe(200);
  return { plan: saved.json, report: opened.json, reporter, other };
}

describe('reports and plan tasks', () => {
  it('two people save the same report draft: the second is a 409 with the first’s narrative', async () => {
    const { report, reporter, other } = await buildPlanAndReport('2027Q1');
    const body = (results: string) => ({
      narrative: { results, shortcomings: null, causes: null, nextTasks: null, proposals: null },
      tasks: [],
      version: report.version,
    });
    const first = await reporter.request('PUT', `/api/reports/${report.id}`, body('Bản của Anh'));
    expect(first.status).toBe(200);
    const second = await other.request('PUT', `/api/reports/${report.id}`, body('Bản của Bình'));
    expectConflict(second, {
      version: report.version + 1,
      record: { narrative: { results: 'Bản của Anh' } },
      by: await nameOf(reporter),
    });
  });

  it('submitting a report does not overwrite task progress someone changed after the draft read it', async () => {
    const { report, reporter } = await buildPlanAndReport('2027Q2');
    const [head] = await twoPeople('unit_head', '33.SNV');
    const task = report.tasks[0];
    expect(task.reported.version).toBe(task.version);
    const saved = await reporter.request('PUT', `/api/reports/${report.id}`, {
      narrative: { results: 'x', shortcomings: null, causes: null, nextTasks: null, proposals: null },
      tasks: [
        { itemId: task.itemId, status: 'in_progress', progress: 40, done: null, version: task.version },
      ],
      version: report.version,
    });
    expect(saved.status).toBe(200);
    // Meanwhile the coordinator records the task as done in the plan.
    const changed = await coordinator.request('PATCH', `/api/plans/${task.planId}/items/${task.itemId}`, {
      status: 'done',
      version: task.version,
    });
    expect(changed.status).toBe(200);
    const sent = await head.request('POST', `/api/reports/${report.id}/transitions`, {
      action: 'submit',
      version: saved.json.version,
    });
    expectConflict(sent, {
      version: task.version + 1,
      record: { itemId: task.itemId, status: 'done', progress: 100 },
      by: await nameOf(coordinator),
    });
    expect(sent.json.error.details.itemId).toBe(task.itemId);
    const item = (await coordinator.request('GET', `/api/plans/${task.planId}`)).json.items.find(
      (entry: { id: number }) => entry.id === task.itemId,
    );
    expect(item).toMatchObject({ status: 'done', progress: 100 });
  });

  it('two coordinators change the same task: the second is a 409 with the first’s change', async () => {
    const { plan } = await buildPlanAndReport('2027Q3');
    const item = plan.items.find((entry: { kind: string }) => entry.kind === 'task');
    const url = `/api/plans/${plan.id}/items/${item.id}`;
    const first = await coordinator.request('PATCH', url, { progress: 30, version: item.version });
    expect(first.status).toBe(200);
    const second = await secondCoordinator.request('PATCH', url, { progress: 70, version: item.version });
    expectConflict(second, {
      version: item.version + 1,
      record: { progress: 30, status: item.status },
      by: await nameOf(coordinator),
    });
  });

  it('the cascade weight round-trips: 70 % saved is 70 % read back; a stale save is a 409', async () => {
    const { plan } = await buildPlanAndReport('2027Q4');
    const saved = await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
      leadShare: 70,
      version: plan.version,
    });
    expect(saved.status).toBe(200);
    expect((await coordinator.request('GET', `/api/plans/${plan.id}`)).json.leadShare).toBe(70);
    const stale = await secondCoordinator.request('PATCH', `/api/plans/${plan.id}`, {
      leadShare: 40,
      version: plan.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.current.record.leadShare).toBe(70);
  });
});
