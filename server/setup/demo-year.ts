import { readFileSync } from 'node:fs';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { quartersEndingAt } from '../../core/indicators/quarters.ts';
import { periodContaining } from '../../core/periods/periods.ts';
import { createPlanSchema, updatePlanItemSchema } from '../../core/plans/plan-views.ts';
import { saveReportSchema, transitionSchema } from '../../core/reports/report.ts';
import { addDays } from '../../core/text/dates.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { mutate } from '../audit/audit-log.ts';
import { loadGrants, type SessionUser } from '../auth/sessions.ts';
import { type Clock, clockFrom, fixedClock, nowOf, todayOf } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { settings, units, users } from '../db/schema/index.ts';
import { createPlan, previewPlan, updatePlanItem } from '../plans/plan-commands.ts';
import { publishPlan } from '../plans/plan-publication.ts';
import { openReport, saveReportRecord, transitionReportRecord, windowOf } from '../reports/report-service.ts';
import { loadDemoContacts } from './demo-contacts.ts';
import { loadDemoDisclosures } from './demo-disclosures.ts';
import { loadDemoFeedback } from './demo-feedback.ts';
import { loadDemoProjects } from './demo-projects.ts';
import { DEMO_ROUNDS, type DemoCtx, loadDemoRounds } from './demo-rounds.ts';
import { loadDemoSurveys } from './demo-surveys.ts';
import { DEMO_YEAR_KEY } from './demo-year-state.ts';
import { SYSTEM_ACTOR } from './initialise.ts';

/**
 * The demo province's year in progress, so every demo account has its part of the yearly cycle on the
 * first day: the province's plan with tasks led by departments and communes, the quarter's reports on
 * the board, this year's commune assessment in appraisal and last year's published. Everything goes
 * through the services, each step as the person who would take it (the demo accounts; units without
 * an account act through one inactive account, "minhhoa"), dated around today by the app's clock.
 * The same seed gives the same year.
 */

const PLAN_TEXT = new URL('../../core/plans/fixtures/hung-yen-cchc-2023.txt', import.meta.url);
const PHO_HIEN = '11953';
const HELPER = { username: 'minhhoa', fullName: 'Dữ liệu minh họa (tự sinh)' };

/** How much of each thing the demo year holds (the test checks these exact counts). */
export const DEMO_YEAR = { onTime: 12, late: 2, ...DEMO_ROUNDS } as const;

export interface DemoYearSummary {
  planId: number;
  roundId: number;
  lastRoundId: number;
  quarter: string;
  previousQuarter: string;
}

type Ctx = DemoCtx;

/** mulberry32, as the demo dossiers: the same seed, the same year. */
export function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A clock fixed at 9 a.m. (Vietnam) on `date`, plus `minutes`: each step dated when it would happen. */
const at = (date: string, minutes = 0): Clock =>
  fixedClock(new Date(Date.parse(`${date}T09:00:00+07:00`) + minutes * 60_000).toISOString());

/**
 * Loads the demo year once (a setting records it; a second call does nothing and returns null).
 * `now` is the app's clock: the year, the quarter and every deadline are placed around its today.
 */
export async function loadDemoYear(db: Db, options: { now?: Clock } = {}): Promise<DemoYearSummary | null> {
  const [done] = await db.select().from(settings).where(eq(settings.key, DEMO_YEAR_KEY));
  if (done) return null;
  const today = todayOf(options);
  const year = Number(today.slice(0, 4));
  const people = await demoPeople(db);
  const as = (user: SessionUser, clock: Clock): Ctx => ({
    db,
    actor: { userId: user.userId, name: user.username },
    ip: null,
    user,
    now: clock,
  });
  const reporting = await db
    .select({ id: units.id, code: units.code, type: units.type, path: units.path, name: units.name })
    .from(units)
    .where(and(isNull(units.validTo), inArray(units.type, ['department', 'commune'])))
    .orderBy(asc(units.code));
  const phoHien = reporting.find((unit) => unit.code === PHO_HIEN);
  if (!phoHien) throw new Error('demo year: Phường Phố Hiến is missing');
  const communes = reporting.filter((unit) => unit.type === 'commune');
  const departments = reporting.filter((unit) => unit.type === 'department');
  // The helper account acts for a unit that has no demo account of its own, with that unit's role.
  const actingFor = (
    role: 'unit_head' | 'unit_reporter',
    unit: { id: number; path: string; name: string },
  ) => ({
    ...people.helper,
    grants: [{ id: 0, role, unitId: unit.id, unitPath: unit.path, unitName: unit.name }],
  });

  const planId = await loadPlan({ today, year, people, as, phoHien, communes });
  const quarters = await loadReports({ today, people, as, actingFor, phoHien, departments, communes });
  const rounds = await loadDemoRounds(db, {
    today,
    year,
    coordinator: people.coordinator,
    appraiser: people.appraiser,
    head: people.head,
    phoHien,
    communes,
    as,
    actingFor,
    at,
    random: seeded(33),
  });

  const petitions = await loadDemoFeedback({
    today,
    coordinator: people.coordinator,
    communes,
    departments,
    as,
    actingFor,
    at,
  });

  const surveyResponses = await loadDemoSurveys(db, {
    today,
    communes,
    random: seeded(1001),
    now: options.now,
  });

  const projects = await loadDemoProjects(db, { today, unitId: phoHien.id, reporter: people.reporter });
  const disclosures = await loadDemoDisclosures({
    today,
    reporter: people.reporter,
    phoHien,
    communes,
    as,
    actingFor,
    at,
  });

  const contacts = await loadDemoContacts({
    db,
    units: reporting,
    as,
    actingFor,
    at,
    today,
    random: seeded(84),
  });

  await mutate({ db, actor: SYSTEM_ACTOR, ip: null, now: options.now }, async (tx, audit) => {
    await tx.insert(settings).values({ key: DEMO_YEAR_KEY, value: nowOf(options).toISOString() });
    await audit({
      action: 'system.demo_year_loaded',
      entityType: 'system',
      entityId: null,
      after: {
        planId,
        ...quarters,
        ...rounds,
        petitions,
        surveyResponses,
        projects,
        disclosures,
        contacts,
      },
    });
  });
  return { planId, ...quarters, ...rounds };
}

interface People {
  coordinator: SessionUser;
  reporter: SessionUser;
  head: SessionUser;
  appraiser: SessionUser;
  helper: SessionUser;
}

/** The demo accounts as the services see a signed-in person, and the helper account (created here). */
async function demoPeople(db: Db): Promise<People> {
  const [existing] = await db.select().from(users).where(eq(users.username, HELPER.username));
  const helperId =
    existing?.id ??
    (await mutate({ db, actor: SYSTEM_ACTOR, ip: null }, async (tx, audit) => {
      // Inactive and without a password anyone knows: it signs in nowhere, it only signs the demo's records.
      const [row] = await tx
        .insert(users)
        .values({
          username: HELPER.username,
          fullName: HELPER.fullName,
          fullNameSearch: foldVietnamese(HELPER.fullName),
          passwordHash: '!',
          isActive: false,
        })
        .returning({ id: users.id });
      if (!row) throw new Error('demo year: helper account not created');
      await audit({ action: 'user.create', entityType: 'user', entityId: row.id, after: HELPER });
      return row.id;
    }));
  const person = async (username: string): Promise<SessionUser> => {
    const [row] = await db.select().from(users).where(eq(users.username, username));
    if (!row) throw new Error(`demo year: no account ${username}`);
    return {
      sessionId: '',
      csrfToken: '',
      userId: row.id,
      username: row.username,
      fullName: row.fullName,
      email: row.email,
      locale: 'vi',
      mustChangePassword: false,
      expiresAt: new Date(8.64e15),
      grants: await loadGrants(db, row.id),
    };
  };
  return {
    coordinator: await person('dieuphoi'),
    reporter: await person('baocao.phohien'),
    head: await person('chutich.phohien'),
    appraiser: await person('thamdinh'),
    helper: { ...(await person(HELPER.username)), userId: helperId },
  };
}

type Unit = { id: number; code: string | null; type: string; path: string; name: string };
type As = (user: SessionUser, clock: Clock) => Ctx;
type ActingFor = (role: 'unit_head' | 'unit_reporter', unit: Unit) => SessionUser;

// ---- The province's plan ------------------------------------------------------------------------------

/**
 * The 2023 CCHC plan of the province, read by the importer as this year's (its years moved on), saved
 * by the coordinator; tasks left to the communes go to Phường Phố Hiến and two neighbours; the
 * departments have reported some progress; the units' own plans are due in three weeks.
 */
async function loadPlan(scene: {
  today: string;
  year: number;
  people: People;
  as: As;
  phoHien: Unit;
  communes: Unit[];
}): Promise<number> {
  const { today, year, people, as } = scene;
  const text = readFileSync(PLAN_TEXT, 'utf8')
    .replace(/\b2023\b/g, String(year))
    .replace(/\b2022\b/g, String(year - 1));
  const issued = `${year}-01-05`;
  const coordinator = as(people.coordinator, at(issued));
  const preview = await previewPlan(coordinator, text);
  const random = seeded(2026);
  const quarterEnds = [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`];
  const input = createPlanSchema.parse({
    unitId: people.coordinator.grants[0]?.unitId,
    number: preview.plan.document.number,
    type: preview.plan.document.type ?? 'KH',
    issuedOn: issued,
    place: preview.plan.document.place ?? null,
    issuer: preview.plan.document.issuer ?? null,
    signer: preview.plan.document.signer ?? null,
    title: preview.plan.document.title,
    year,
    indices: preview.plan.indices,
    sections: preview.plan.sections,
    tasks: preview.plan.tasks.map((task) => ({
      ref: task.ref,
      text: task.text,
      index: task.index,
      dimension: task.dimension,
      leadNames: task.lead,
      supportNames: task.support,
      due: task.due ?? quarterEnds[Math.floor(random() * quarterEnds.length)] ?? null,
      recurrence: task.recurrence,
    })),
    targets: preview.plan.targets,
    warnings: preview.plan.warnings,
    childPlansDue: addDays(today, 21),
    agencies: preview.agencies.map((agency) => ({ name: agency.name, unitId: agency.unit?.id ?? null })),
  });
  const plan = await createPlan(coordinator, input);
  const tasks = plan.items.filter((item) => item.kind === 'task');
  // Tasks the document leaves to local authorities, or to no unit: Phố Hiến and two neighbours lead them.
  const neighbours = scene.communes.filter((unit) => unit.id !== scene.phoHien.id).slice(0, 2);
  const local = tasks.filter((task) => task.lead.length === 0).slice(0, 6);
  for (const [i, task] of local.entries()) {
    const lead = i < 4 ? [scene.phoHien.id] : [];
    const others = neighbours.map((unit) => unit.id);
    await updatePlanItem(
      coordinator,
      plan.id,
      task.id,
      updatePlanItemSchema.parse({ leadUnitIds: [...lead, ...others], version: task.version }),
    );
  }
  // The province puts its plan on the public site once issued, as seed 001 §đ asks of it.
  await publishPlan(coordinator, plan.id, { published: true, version: plan.version });
  return plan.id;
}

// ---- Periodic reports -------------------------------------------------------------------------------

const NARRATIVE = {
  results:
    'Đã ban hành kế hoạch cải cách hành chính của đơn vị; niêm yết công khai đầy đủ thủ tục hành chính tại bộ phận một cửa; tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 95%.',
  shortcomings: 'Một số hồ sơ trực tuyến toàn trình còn phải bổ sung giấy tờ bản giấy.',
  causes: 'Người dân chưa quen nộp hồ sơ trực tuyến; đường truyền tại một số thôn còn chậm.',
  nextTasks:
    'Tiếp tục hướng dẫn người dân nộp hồ sơ trực tuyến; số hóa kết quả giải quyết thủ tục hành chính.',
  proposals: '',
};

/**
 * The last closed quarter on the board: a dozen units on time, two late, one returned with a reason,
 * one accepted, Phường Phố Hiến's still a draft; the quarter before, every one of them accepted.
 */
async function loadReports(scene: {
  today: string;
  people: People;
  as: As;
  actingFor: ActingFor;
  phoHien: Unit;
  departments: Unit[];
  communes: Unit[];
}): Promise<{ quarter: string; previousQuarter: string }> {
  const { people, as, actingFor, phoHien } = scene;
  const probe = as(people.coordinator, at(scene.today));
  // The latest quarter whose report was due over ten days ago (late reports and reviews then lie in
  // the past too), and the one before it.
  const recent = quartersEndingAt(periodContaining(scene.today, 'quarter').code, 3);
  const windows = await Promise.all(recent.map((code) => windowOf(probe, code)));
  const closed = windows.filter((window) => window.due < addDays(scene.today, -10));
  const quarter = closed.at(-1);
  if (!quarter) throw new Error('demo year: no closed quarter');
  const previous = await windowOf(probe, quartersEndingAt(quarter.code, 2)[0] ?? '');
  const others = [
    ...scene.departments.slice(0, 8),
    ...scene.communes.filter((unit) => unit.id !== phoHien.id).slice(0, 8),
  ];
  const onTime = others.slice(0, DEMO_YEAR.onTime);
  const late = others.slice(DEMO_YEAR.onTime, DEMO_YEAR.onTime + DEMO_YEAR.late);
  const [returned, accepted] = others.slice(DEMO_YEAR.onTime + DEMO_YEAR.late);
  if (!returned || !accepted) throw new Error('demo year: too few units');

  const random = seeded(7);
  // A unit's reporter writes the report (and how its tasks stand), two days later its head sends it.
  const send = async (unit: Unit, periodCode: string, sentOn: string, step: number, share: number) => {
    const own = unit.id === phoHien.id;
    const reporter = as(
      own ? people.reporter : actingFor('unit_reporter', unit),
      at(addDays(sentOn, -2), step),
    );
    const opened = await openReport(reporter, unit.id, periodCode);
    const tasks = opened.tasks.slice(0, 2).map((task) => ({
      itemId: task.itemId,
      status: 'in_progress' as const,
      progress: Math.min(90, 10 * Math.round(share * 10 + random() * 2)),
      done: 'Đã triển khai đến các phòng, bộ phận; đang tổng hợp kết quả.',
      version: task.reported.version,
    }));
    const saved = await saveReportRecord(
      reporter,
      opened.id,
      saveReportSchema.parse({ narrative: NARRATIVE, tasks, version: opened.version }),
    );
    const head = as(own ? people.head : actingFor('unit_head', unit), at(sentOn, step));
    return transitionReportRecord(
      head,
      saved.id,
      transitionSchema.parse({ action: 'submit', version: saved.version }),
    );
  };
  const review = (reviewedOn: string, step: number) => as(people.coordinator, at(reviewedOn, step));

  // The quarter before: everyone sent on time and the coordinator accepted.
  for (const [i, unit] of [...others, phoHien].entries()) {
    const sent = await send(unit, previous.code, addDays(previous.due, -3 + (i % 3)), i, 0.3);
    await transitionReportRecord(
      review(addDays(previous.due, 3), i),
      sent.id,
      transitionSchema.parse({ action: 'accept', version: sent.version }),
    );
  }
  // The last closed quarter.
  const sent = new Map<number, { id: number; version: number }>();
  for (const [i, unit] of [...onTime, returned, accepted].entries())
    sent.set(unit.id, await send(unit, quarter.code, addDays(quarter.due, -4 + (i % 4)), i, 0.6));
  for (const [i, unit] of late.entries())
    await send(unit, quarter.code, addDays(quarter.due, 3 + i * 2), i, 0.6);
  const reviewer = review(addDays(quarter.due, 2), 0);
  const toReturn = sent.get(returned.id);
  const toAccept = sent.get(accepted.id);
  if (!toReturn || !toAccept) throw new Error('demo year: reports not sent');
  await transitionReportRecord(
    reviewer,
    toReturn.id,
    transitionSchema.parse({
      action: 'return',
      reason: 'Phần "Tồn tại, hạn chế" chưa nêu số hồ sơ quá hạn trong quý; đề nghị bổ sung và gửi lại.',
      version: toReturn.version,
    }),
  );
  await transitionReportRecord(
    reviewer,
    toAccept.id,
    transitionSchema.parse({ action: 'accept', version: toAccept.version }),
  );
  // Phố Hiến's reporter has started writing; the head has not sent it.
  const draft = as(people.reporter, at(addDays(quarter.due, -1)));
  const own = await openReport(draft, phoHien.id, quarter.code);
  await saveReportRecord(
    draft,
    own.id,
    saveReportSchema.parse({
      narrative: {
        results:
          'Phường đã tiếp nhận và giải quyết hồ sơ thủ tục hành chính đúng hạn; duy trì bộ phận một cửa phục vụ cả sáng thứ Bảy.',
        shortcomings: '',
        causes: '',
        nextTasks: '',
        proposals: '',
      },
      tasks: [],
      version: own.version,
    }),
  );
  return { quarter: quarter.code, previousQuarter: previous.code };
}

/**
 * The first start's hook (bootstrap): loads the demo year by the server's clock (CHISO_NOW in browser
 * tests) and says in one line how long it took, since it adds to the first start.
 */
export async function loadDemoYearAtStart(db: Db, config: Pick<Config, 'now'>): Promise<string> {
  const started = performance.now();
  const summary = await loadDemoYear(db, config.now ? { now: clockFrom(config.now) } : {});
  const seconds = ((performance.now() - started) / 1000).toFixed(1).replace('.', ',');
  return summary
    ? `Đã nạp năm minh họa (kế hoạch, báo cáo quý, đợt đánh giá) trong ${seconds} giây.`
    : 'Năm minh họa đã có sẵn.';
}
