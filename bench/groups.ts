import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { LeaderOverview } from '../core/overview/leader-overview.ts';
import { openReminderPeriods } from '../core/reports/reminders.ts';
import { todayInVietnam } from '../core/text/dates.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { loadConfig } from '../server/config.ts';
import { type Database, migrateDatabase, openDatabase } from '../server/db/engine.ts';
import { runReminders } from '../server/reminders/reminder-service.ts';
import { getReminderSettings } from '../server/reminders/reminder-settings.ts';
import { loadReportingCalendar } from '../server/reports/calendar-settings.ts';
import { initialise } from '../server/setup/initialise.ts';
import { benchDatabase } from './bench-database.ts';
import { createBenchUser, p95, withBenchServer } from './bench-server.ts';

/**
 * `npm run bench:groups [-- --json --communes 3321 --plans 50]`: tasks given to groups of units at
 * national scale. A province of 3,321 communes in force (ten closed on 30/06/2026 and merged into five
 * founded the next day) and 20 departments; a saved group of 300 communes (fewer with --communes under
 * 600; four of them closed ones, carried on by their successors); 50 plans × 20 tasks, every task led by a group ("Tất cả xã,
 * phường", "Tất cả sở, ban, ngành", the saved group) or by a department with every commune in support.
 * Each endpoint is asked one request at a time with the read cache off, its answer checked against
 * counts worked out here from the same rules, and its p95 printed: "my tasks" of a commune reporter,
 * the plans it reads, the home page's to-dos (plans asked of the commune), a task's update by that reporter, the report's task list, the plan and its cascade, the period board,
 * the leader's overview (overdue tasks by unit); with --reminders also the hourly reminder run.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    communes: { type: 'string', default: '3321' },
    plans: { type: 'string', default: '50' },
    requests: { type: 'string', default: '20' },
    reminders: { type: 'boolean' },
  },
});
const COMMUNES = Number(values.communes);
const PLANS = Number(values.plans);
const TASKS = 20;
const DEPARTMENTS = 20;
const SAVED = Math.min(300, Math.floor(COMMUNES / 2));
const REQUESTS = Number(values.requests);
/** Stop asking an endpoint after this long (a slow one still gets at least three answers). */
const ENDPOINT_BUDGET_MS = 6_000;
const PASSWORD = 'Bench-mark-2026';

const today = todayInVietnam(new Date());
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Task `i` (1–20) of plan `p` (1–50): who leads it, when it is due, where it stands. */
function taskOf(p: number, i: number) {
  const lead =
    i <= 10 ? 'type:commune' : i <= 15 ? 'type:department' : i <= 18 ? 'saved' : ('department' as const);
  return {
    lead,
    supportCommunes: i > 18,
    due: (p + i) % 3 === 0 ? addDays(today, -30) : addDays(today, 60),
    status: (p + i) % 5 === 0 ? 'done' : 'in_progress',
  };
}
const tasks = Array.from({ length: PLANS }, (_, p) =>
  Array.from({ length: TASKS }, (_, i) => taskOf(p + 1, i + 1)),
).flat();
const overdue = (task: (typeof tasks)[number]) => task.due < today && task.status !== 'done';
// What a commune of the saved group leads: every commune's tasks and the saved group's.
const communeLeads = tasks.filter((task) => task.lead === 'type:commune' || task.lead === 'saved');
const expected = {
  myTasks: communeLeads.length,
  myOverdue: communeLeads.filter(overdue).length,
  reportTasks: communeLeads.filter((task) => task.status !== 'done').length,
  overdueTotal: tasks.filter(overdue).length,
  communeOverdue: tasks.filter((task) => task.lead === 'type:commune' && overdue(task)).length,
  savedOverdue: communeLeads.filter(overdue).length,
  board: COMMUNES + DEPARTMENTS,
};

const target = await benchDatabase();
const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
const figures: Record<string, number> = {};
try {
  await migrateDatabase(database);
  await initialise(database.db, { loadDemo: false });
  const seeded = performance.now();
  const world = await seed(database);
  console.log(
    `${target.kind}: ${COMMUNES} communes, ${DEPARTMENTS} departments, ${PLANS} plans × ${TASKS} group-assigned tasks ready in ${Math.round(performance.now() - seeded)} ms`,
  );
  const period = `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;

  await withBenchServer(database, 0, async (fetchAs, { base }) => {
    const reporter = await signIn(base, 'reporter');
    const leader = await signIn(base, 'leader');
    const json = async <T>(response: Response): Promise<T> => {
      const body = (await response.json()) as T;
      if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body;
    };
    await time('my tasks (commune reporter)', async () => {
      const body = await json<{ total: number }>(await reporter('/api/plan-tasks?perPage=50'));
      check('my tasks total', body.total, expected.myTasks);
    });
    await time('my overdue tasks (commune reporter)', async () => {
      const body = await json<{ total: number }>(await reporter('/api/plan-tasks?perPage=50&overdue=true'));
      check('my overdue total', body.total, expected.myOverdue);
    });
    await time('plans list (commune reporter)', async () => {
      const body = await json<{ total: number }>(await reporter('/api/plans?perPage=20'));
      check('plans the commune reads', body.total, PLANS);
    });
    await time('plans list (coordinator)', async () => {
      const body = await json<{ total: number }>(await fetchAs('/api/plans?perPage=20'));
      check('plans the coordinator reads', body.total, PLANS);
    });
    await time('home to-dos (commune reporter)', async () => {
      const body = await json<{ items: { kind: string; count: number }[] }>(await reporter('/api/todos'));
      check('plans to make', body.items.find((todo) => todo.kind === 'plansToMake')?.count, PLANS);
    });
    const mine = await json<{ items: { id: number; version: number; plan: { id: number } }[] }>(
      await reporter('/api/plan-tasks?perPage=1&sort=ref'),
    );
    const item = mine.items[0];
    if (!item) throw new Error('the commune has no task');
    let version = item.version;
    let progress = 0;
    await time('task update (commune reporter)', async () => {
      progress = (progress + 1) % 100;
      const body = await json<{ version: number }>(
        await reporter(`/api/plans/${item.plan.id}/items/${item.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ progress, version }),
        }),
      );
      version = body.version;
    });
    const opened = await json<{ id: number }>(
      await reporter('/api/reports', {
        method: 'POST',
        body: JSON.stringify({ unitId: world.communeId, periodCode: period }),
      }),
    );
    await time('report with its tasks (commune reporter)', async () => {
      const body = await json<{ tasks: unknown[] }>(await reporter(`/api/reports/${opened.id}`));
      check('report tasks', body.tasks.length, expected.reportTasks);
    });
    await time('plan (coordinator)', async () => {
      const body = await json<{ items: { ref: string; leadGroups: { memberCount: number }[] }[] }>(
        await fetchAs(`/api/plans/${world.planId}`),
      );
      const communes = body.items.find((entry) => entry.ref === '1');
      check('plan group count', communes?.leadGroups[0]?.memberCount, COMMUNES);
    });
    await time('plan cascade (coordinator)', async () => {
      await json<unknown>(await fetchAs(`/api/plans/${world.planId}/cascade`));
    });
    await time('period board (coordinator)', async () => {
      const body = await json<{ units: unknown[] }>(await fetchAs(`/api/reports?period=${period}`));
      check('board units', body.units.length, expected.board);
    });
    await time('leader overview (leader)', async () => {
      const body = await json<LeaderOverview>(await leader('/api/overview/leader'));
      check('overdue total', body.overdueTasks.total, expected.overdueTotal);
      const byId = new Map(body.overdueTasks.byUnit.map((entry) => [entry.unit.id, entry.count]));
      check('overdue of a saved-group commune', byId.get(world.communeId) ?? 0, expected.savedOverdue);
      check('overdue of another commune', byId.get(world.otherCommuneId) ?? 0, expected.communeOverdue);
    });
  });

  // The hourly run on a day reminders are due: its first pass tells every unit, the next finds them told.
  // Only with --reminders: the first pass delivers one audited reminder per unit and takes minutes.
  if (values.reminders) await measureReminders(database);

  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(48)} ${value}`);
  if (values.json) console.log(JSON.stringify({ database: target.kind, communes: COMMUNES, ...figures }));
} finally {
  await database.close();
  await target.cleanup();
}

async function measureReminders(database: Database) {
  const calendar = await loadReportingCalendar(database.db);
  const settings = await getReminderSettings(database.db);
  let day = today;
  while (
    openReminderPeriods(
      day,
      settings,
      calendar.overrides,
      calendar.regime,
      (window) => calendar.windowOf(window.code).deadline,
    ).length === 0
  )
    day = addDays(day, 1);
  const config = loadConfig({ NODE_ENV: 'production', CHISO_SECRET: randomBytes(24).toString('hex') });
  const now = new Date(`${day}T02:00:00Z`);
  let started = performance.now();
  const outcomes = await runReminders({ db: database.db, config, now });
  figures['reminder run, first (ms)'] = Math.round(performance.now() - started);
  check(
    'reminders sent',
    outcomes.filter((outcome) => outcome.status !== 'skipped').length % expected.board,
    0,
  );
  started = performance.now();
  await runReminders({ db: database.db, config, now });
  figures['reminder run, again (ms)'] = Math.round(performance.now() - started);
}

function check(what: string, actual: unknown, wanted: unknown) {
  if (actual !== wanted) throw new Error(`${what}: ${String(actual)}, expected ${String(wanted)}`);
}

/** p95 of up to REQUESTS sequential answers (fewer when the endpoint is slow). */
async function time(name: string, once: () => Promise<void>) {
  const times: number[] = [];
  const begun = performance.now();
  while (times.length < REQUESTS && (times.length < 3 || performance.now() - begun < ENDPOINT_BUDGET_MS)) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  figures[`${name}, p95 ms (n=${times.length})`] = p95(times);
  console.log(`${name}: p95 ${p95(times)} ms over ${times.length}`);
}

async function signIn(base: string, username: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken: csrf } = (await login.json()) as { csrfToken: string };
  return (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
    });
}

/** The province, its units, the saved group, the plans and their group assignments, the accounts. */
async function seed(database: Database) {
  const { pool } = database;
  const one = async (text: string, params: unknown[] = []) =>
    Number(Object.values((await pool.query(text, params)).rows[0] ?? {})[0]);
  const provinceId = await one(
    `insert into units (code, name, name_search, type, path, valid_from)
     values ('BENCH', 'Tỉnh thử tải', 'tinh thu tai', 'province', '/', '2025-07-01') returning id`,
  );
  await pool.query(`update units set path = '/' || id || '/' where id = $1`, [provinceId]);
  // 3,321 + 10 communes from 01/07/2025, the last ten closed on 30/06/2026; five founded 01/07/2026.
  await pool.query(
    `insert into units (code, name, name_search, type, parent_id, path, valid_from, valid_to)
     select 'BENCH.X' || g, 'Xã thử tải ' || g, 'xa thu tai ' || g, 'commune', $1, '/', '2025-07-01',
       case when g > $2 then date '2026-06-30' end
     from generate_series(1, $2::int + 10) g`,
    [provinceId, COMMUNES - 5],
  );
  await pool.query(
    `insert into units (code, name, name_search, type, parent_id, path, valid_from)
     select 'BENCH.M' || g, 'Xã hợp nhất ' || g, 'xa hop nhat ' || g, 'commune', $1, '/', '2026-07-01'
     from generate_series(1, 5) g`,
    [provinceId],
  );
  await pool.query(
    `insert into units (code, name, name_search, type, parent_id, path, valid_from)
     select 'BENCH.S' || g, 'Sở thử tải ' || g, 'so thu tai ' || g, 'department', $1, '/', '2025-07-01'
     from generate_series(1, $2::int) g`,
    [provinceId, DEPARTMENTS],
  );
  await pool.query(`update units set path = '/' || $1::int || '/' || id || '/' where parent_id = $1`, [
    provinceId,
  ]);
  await pool.query(
    `insert into unit_successions (predecessor_id, successor_id, kind, effective_on)
     select c.id, m.id, 'merge', '2026-07-01' from units c
     join units m on m.code = 'BENCH.M' || (((substring(c.code from 8)::int - $1) + 1) / 2)
     where c.code like 'BENCH.X%' and substring(c.code from 8)::int > $1`,
    [COMMUNES - 5],
  );
  const id = (code: string) => one('select id from units where code = $1', [code]);
  const communeId = await id('BENCH.X1');
  const otherCommuneId = await id(`BENCH.X${COMMUNES - 5}`);
  const departmentId = await id('BENCH.S1');
  // The saved group: the first 296 communes and four of the closed ones (their successors stand in).
  const groupId = await one(
    `insert into unit_groups (unit_id, name, name_search) values ($1, 'Các xã biên giới', 'cac xa bien gioi') returning id`,
    [provinceId],
  );
  await pool.query(
    `insert into unit_group_members (group_id, unit_id)
     select $1, id from units where code in (
       select 'BENCH.X' || g from generate_series(1, $2::int) g
       union all select 'BENCH.X' || ($3::int + g) from generate_series(1, 4) g)`,
    [groupId, SAVED - 4, COMMUNES - 5],
  );
  const planIds: number[] = [];
  for (let p = 1; p <= PLANS; p++) {
    const planId = await one(
      `insert into plans (unit_id, number, type, title, title_search, year, child_plans_due)
       values ($1, $2, 'KH', $3, $4, $5, $6) returning id`,
      [
        provinceId,
        `${p}/KH-BENCH`,
        `Kế hoạch thử tải ${p}`,
        `ke hoach thu tai ${p}`,
        Number(today.slice(0, 4)),
        addDays(today, 30),
      ],
    );
    planIds.push(planId);
    for (let i = 1; i <= TASKS; i++) {
      const task = taskOf(p, i);
      const itemId = await one(
        `insert into plan_items (plan_id, position, ref, kind, text, text_search, due, status, progress)
         values ($1, $2, $3, 'task', $4, $4, $5, $6, $7) returning id`,
        [planId, i, String(i), `Nhiệm vụ ${i}`, task.due, task.status, task.status === 'done' ? 100 : 40],
      );
      if (task.lead === 'type:commune' || task.lead === 'type:department')
        await pool.query(`insert into plan_item_groups (item_id, role, unit_type) values ($1, 'lead', $2)`, [
          itemId,
          task.lead.slice(5),
        ]);
      else if (task.lead === 'saved')
        await pool.query(`insert into plan_item_groups (item_id, role, group_id) values ($1, 'lead', $2)`, [
          itemId,
          groupId,
        ]);
      else
        await pool.query(`insert into plan_item_units (item_id, unit_id, role) values ($1, $2, 'lead')`, [
          itemId,
          departmentId,
        ]);
      if (task.supportCommunes)
        await pool.query(
          `insert into plan_item_groups (item_id, role, unit_type) values ($1, 'support', 'commune')`,
          [itemId],
        );
    }
  }
  await createBenchUser(database, provinceId);
  const hash = await hashPassword(PASSWORD);
  for (const [username, role, unitId] of [
    ['reporter', 'unit_reporter', communeId],
    ['leader', 'leader', provinceId],
  ] as const) {
    const userId = await one(
      `insert into users (username, full_name, full_name_search, password_hash) values ($1, $1, $1, $2) returning id`,
      [username, hash],
    );
    await pool.query('insert into role_grants (user_id, role, unit_id) values ($1, $2, $3)', [
      userId,
      role,
      unitId,
    ]);
  }
  return { provinceId, communeId, otherCommuneId, planId: planIds[0] ?? 0 };
}
