import { eq } from 'drizzle-orm';
import type { Role } from '../../core/auth/roles.ts';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { dossiers, notifications, procedures, roleGrants } from '../db/schema/index.ts';
import { dossierCsv, dossierRow } from '../dossiers/dossier-fixtures.ts';
import { buildPlan, COMMUNE_A, COMMUNE_B, signInAs, taskOf } from './factories.ts';
import { buildUser, type Session, signIn, type TestApp, unitIdByCode } from './harness.ts';

/**
 * The records of two communes, A and B, and a session for each role the route × role × record
 * table asks about. Each side holds the same kinds of record: a plan the commune issues (its task
 * led by it, with a file attached), its periodic report, its sheet in a round of both communes with
 * a file on a criterion, a user granted on it, a target, a late dossier, a job and a notification.
 */
export const TABLE_ROLES = [
  'admin',
  'coordinatorProvince',
  'coordinatorA',
  'reporterA',
  'headA',
  'appraiser',
  'leader',
  'anonymous',
] as const;
export type TableRole = (typeof TABLE_ROLES)[number];

const GRANTS: Record<Exclude<TableRole, 'anonymous'>, [Role, string | null]> = {
  admin: ['admin', null],
  coordinatorProvince: ['coordinator', '33'],
  coordinatorA: ['coordinator', COMMUNE_A],
  reporterA: ['unit_reporter', COMMUNE_A],
  headA: ['unit_head', COMMUNE_A],
  appraiser: ['appraiser', '33'],
  leader: ['leader', '33'],
};

export interface Side {
  code: string;
  unitId: number;
  plan: PlanDetail;
  taskId: number;
  evidenceId: number;
  reportId: number;
  userId: number;
  grantId: number;
  targetId: number;
  dossierCode: string;
  jobId: number;
  notificationId: number;
  reporter: Session;
  head: Session;
  criterionEvidenceId: number;
}

export interface World {
  t: TestApp;
  sessions: Record<TableRole, Session | null>;
  coordinator: Session;
  admin: Session;
  roundId: number;
  frameworkId: number;
  criterion: string;
  A: Side;
  B: Side;
}

export const PERIOD = '2026Q1';
export const FUTURE = {
  self: '30/06/2099',
  appraisal1: '31/07/2099',
  explanation: '15/08/2099',
  appraisal2: '31/08/2099',
  final: '30/09/2099',
};

const pdf = Buffer.from('%PDF-1.4\nminh chứng\n%%EOF');

export async function buildWorld(t: TestApp): Promise<World> {
  const sessions = { anonymous: null } as Record<TableRole, Session | null>;
  for (const [name, [role, unitCode]] of Object.entries(GRANTS))
    sessions[name as TableRole] = await signInAs(t, role, unitCode);
  const coordinator = await signInAs(t, 'coordinator', '33');
  const admin = await signInAs(t, 'admin', null);
  const frameworks = (await coordinator.request('GET', '/api/frameworks')).json;
  const framework = frameworks.find((entry: { code: string }) => entry.code === 'HY_CCHC_XA');
  const definition = (await coordinator.request('GET', `/api/frameworks/${framework.id}`)).json.definition;
  const criterion = firstLeaf(definition.criteria);
  const unitA = await unitIdByCode(t.database, COMMUNE_A);
  const unitB = await unitIdByCode(t.database, COMMUNE_B);
  const round = await coordinator.request('POST', '/api/rounds', {
    frameworkId: framework.id,
    ownerUnitId: await unitIdByCode(t.database, '33'),
    name: 'Bảng quyền',
    year: 2026,
    unitIds: [unitA, unitB],
    deadlines: FUTURE,
  });
  if (round.status !== 201) throw new Error(`round: ${round.status} ${round.body}`);
  await t.database.db
    .insert(procedures)
    .values({ code: 'RT-01', name: 'Thủ tục thử', field: 'Thử' })
    .onConflictDoNothing();
  // Commune A's reporter and head are the table's: their own job and notification are A's records.
  const side = async (
    code: string,
    unitId: number,
    own?: { reporter: Session; head: Session },
  ): Promise<Side> => {
    const reporter = own?.reporter ?? (await signInAs(t, 'unit_reporter', code));
    const head = own?.head ?? (await signInAs(t, 'unit_head', code));
    const plan = await buildPlan(t, {
      author: coordinator,
      unitCode: code,
      tasks: [{ ref: '1', leadCodes: [code] }],
    });
    const taskId = taskOf(plan, '1').id;
    const evidence = await reporter.upload(`/api/plans/${plan.id}/items/${taskId}/evidence`, 'a.pdf', pdf);
    const report = await reporter.request('POST', '/api/reports', { unitId, periodCode: PERIOD });
    const user = await buildUser(t.database, [{ role: 'unit_reporter', unitCode: code }]);
    const [grant] = await t.database.db.select().from(roleGrants).where(eq(roleGrants.userId, user.id));
    const target = await coordinator.request('POST', '/api/indicator-targets', {
      indicatorCode: 'DOSSIER_ON_TIME',
      unitId,
      periodCode: PERIOD,
      operator: '>',
      threshold: 90,
    });
    const dossierCode = `RT-${code}`;
    await t.database.db.insert(dossiers).values({
      code: dossierCode,
      unitId,
      procedureCode: 'RT-01',
      field: 'Thử',
      channel: 'online_full',
      receivedAt: new Date('2026-02-01T02:00:00Z'),
      dueAt: new Date('2026-02-05T10:00:00Z'),
      finishedAt: new Date('2026-02-10T03:00:00Z'),
      apologyIssued: false,
    });
    const job = await reporter.upload(
      '/api/dossiers/imports',
      'hs.csv',
      Buffer.from(dossierCsv([dossierRow({ unitCode: code, level: 'Cấp xã' })])),
    );
    const [notification] = await t.database.db
      .insert(notifications)
      .values({
        userId: (await reporter.request('GET', '/api/auth/me')).json.user.id,
        kind: 'test',
        title: 'Thử',
      })
      .returning();
    const criterionEvidence = await reporter.upload(
      `/api/rounds/${round.json.id}/units/${unitId}/scores/${criterion}/evidence`,
      'b.pdf',
      pdf,
    );
    bumpDataVersion();
    for (const [what, reply] of Object.entries({ evidence, report, target, job, criterionEvidence }))
      if (reply.status >= 300)
        throw new Error(`${what} of ${code}: ${reply.status} ${JSON.stringify(reply.json)}`);
    return {
      code,
      unitId,
      plan,
      taskId,
      evidenceId: evidence.json.id,
      reportId: report.json.id,
      userId: user.id,
      grantId: grant?.id ?? 0,
      targetId: target.json.id,
      dossierCode,
      jobId: job.json?.jobId ?? 0,
      notificationId: notification?.id ?? 0,
      reporter,
      head,
      criterionEvidenceId: criterionEvidence.json.id,
    };
  };
  return {
    t,
    sessions,
    coordinator,
    admin,
    roundId: round.json.id,
    frameworkId: framework.id,
    criterion,
    A: await side(COMMUNE_A, unitA, {
      reporter: sessions.reporterA as Session,
      head: sessions.headA as Session,
    }),
    B: await side(COMMUNE_B, unitB),
  };
}

function firstLeaf(criteria: { code: string; children?: unknown[] }[]): string {
  const [first] = criteria;
  if (!first) throw new Error('framework without criteria');
  return first.children?.length ? firstLeaf(first.children as typeof criteria) : first.code;
}

/** A signed-in session of a new user with the role of `name` (for routes that end or change a session). */
export async function freshSession(t: TestApp, name: TableRole): Promise<Session | null> {
  if (name === 'anonymous') return null;
  const [role, unitCode] = GRANTS[name];
  const user = await buildUser(t.database, [{ role, unitCode }]);
  return signIn(t.app, user.username, user.password);
}
