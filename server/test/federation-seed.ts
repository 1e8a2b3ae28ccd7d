import { sql } from 'drizzle-orm';
import type { Criterion } from '../../core/frameworks/framework.ts';
import type { Database } from '../db/engine.ts';
import { dossierCsv, dossierRow, systemContext, tempFiles } from '../dossiers/dossier-fixtures.ts';
import { importDossiers } from '../dossiers/dossier-import-service.ts';

/**
 * A province's own data for the federation tests, written straight into its tables (the refresh reads
 * tables, not services): feedback, survey responses, reports, a published and an unpublished round,
 * a plan; dossiers go through the importer. Installed on 01/10/2026 so the periods are known.
 */
export const FED_TODAY = new Date('2026-12-10T10:00:00+07:00');

const files = tempFiles();

/** Imports dossiers through the importer (the roll-ups kept in its transaction). */
export async function importFedDossiers(
  database: Database,
  rows: Parameters<typeof dossierRow>[0][],
): Promise<void> {
  const result = await importDossiers(systemContext(database), {
    path: files.write(
      `fed${Math.random().toString(36).slice(2)}.csv`,
      dossierCsv(rows.map((row) => dossierRow(row))),
    ),
    format: 'csv',
    dryRun: false,
  });
  if (result.rejectedCount > 0 || result.imported + result.updated !== rows.length)
    throw new Error(`dossier import refused: ${JSON.stringify(result.rejected)}`);
}

export const cleanupFedFiles = () => files.cleanup();

const unitId = async (database: Database, code: string) =>
  (
    await database.pool.query<{ id: number }>('select id from units where code = $1 and valid_to is null', [
      code,
    ])
  ).rows[0]?.id as number;

export async function seedProvince(database: Database): Promise<void> {
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  await q(`update settings set value = '2026-10-01T00:00:00.000Z' where key = 'initialised_at'`);
  const snv = await unitId(database, '33.SNV');
  const a = await unitId(database, '11953');
  const b = await unitId(database, '11977');
  await importFedDossiers(database, [
    { unitCode: '33.SNV' },
    { unitCode: '33.SNV', channel: 'direct', finishedAt: '2026-01-12T10:00:00+07:00' },
    {
      unitCode: '11953',
      receivedAt: '2026-05-20T08:00:00+07:00',
      dueAt: '2026-05-25T17:00:00+07:00',
      finishedAt: '',
    },
  ]);
  // Petitions: (handling unit, received, due, answered, status, outcome); one complaint, one spam.
  const feedback: [number, string, string, string | null, string, string | null, string][] = [
    [a, '2026-10-20', '2026-11-05', '2026-11-01', 'answered', null, 'petition'],
    [a, '2026-10-21', '2026-11-05', '2026-11-10', 'closed', 'resolved', 'petition'],
    [a, '2026-11-02', '2026-11-20', null, 'in_progress', null, 'petition'],
    [a, '2026-11-20', '2026-12-20', null, 'received', null, 'petition'],
    [a, '2026-11-21', '2026-12-20', null, 'closed', 'spam', 'petition'],
    [b, '2026-09-10', '2026-09-25', null, 'accepted', null, 'petition'],
    [b, '2026-10-01', '2026-10-30', null, 'received', null, 'complaint'],
  ];
  for (const [index, [handling, received, due, answered, status, outcome, procedure]] of feedback.entries())
    await q(
      `insert into feedback_items (code, kind, procedure, category_code, unit_id, handling_unit_id, channel, text, text_key,
         search, token_hash, status, outcome, received_on, due_on, answered_on, due_basis, citizen_name, contact_phone)
       values ($1, 'petition', $2, 'land', $3, $3, 'web', 'Nội dung riêng của công dân', $1, $1, $1, $4, $5, $6, $7, $8,
         'petition_answer', 'Nguyễn Văn A', '0912345678')`,
      [`PAKN-FED-${index}`, procedure, handling, status, outcome, received, due, answered],
    );
  // SIPAS answers: satisfied (4, 5) on scale5 questions; 2y > x is satisfied overall.
  const survey = (await q(`select id from surveys where code = 'SIPAS' and status = 'published'`)).rows[0]
    ?.id;
  const responses: [number, string, Record<string, number>, string | null, string][] = [
    [a, '2026-10-05T09:00:00+07:00', { 'DV1.1': 5, 'DV1.2': 4, 'DV1.3': 2 }, null, 'submitted'],
    [a, '2026-10-06T09:00:00+07:00', { 'DV1.1': 5, 'DV1.2': 1 }, null, 'submitted'],
    [a, '2026-12-31T20:00:00+07:00', { 'DV1.1': 5 }, null, 'submitted'],
    [a, '2026-10-07T09:00:00+07:00', { 'DV1.1': 5 }, 'repeat', 'submitted'],
    [a, '2026-10-08T09:00:00+07:00', { 'DV1.1': 5 }, null, 'draft'],
    [b, '2026-09-30T23:30:00+07:00', { KENH: 1 }, null, 'submitted'],
  ];
  for (const [unit, at, answers, excluded, status] of responses)
    await q(
      `insert into survey_responses (survey_id, unit_id, source, status, answers, answered_at, excluded_reason)
       values ($1, $2, 'paper', $3, $4, $5, $6)`,
      [survey, unit, status, JSON.stringify(answers), at, excluded],
    );
  // Reports: one accepted on time for 2026Q4, one draft, one sent late for 2026Q3 (a period before installation).
  await q(
    `insert into reports (unit_id, period_code, status, submitted_at) values
       ($1, '2026Q4', 'accepted', '2026-12-18T10:00:00+07:00'), ($2, '2026Q4', 'returned', '2026-12-01T10:00:00+07:00'),
       ($1, '2026Q3', 'submitted', '2026-09-21T09:00:00+07:00'), ($3, '2026', 'presented', null)`,
    [a, b, snv],
  );
  // A published round (three units) and one not yet published.
  const framework = (await q(`select id, definition from frameworks where code = 'HY_CCHC_XA'`)).rows[0];
  const leaves = leavesOf(framework.definition.criteria);
  const c = await unitId(database, '11980');
  for (const [stage, published] of [
    ['published', '2026-11-30T10:00:00+07:00'],
    ['final', null],
  ] as const) {
    const round = (
      await q(
        `insert into assessment_rounds (framework_id, owner_unit_id, name, year, stage, deadlines, published_at)
         values ($1, (select id from units where code = '33' and valid_to is null), 'Đợt thử', 2026, $2, '{}', $3) returning id`,
        [framework.id, stage, published],
      )
    ).rows[0].id;
    for (const unit of [a, b, c])
      await q(`insert into round_units (round_id, unit_id, self_submitted_at) values ($1, $2, now())`, [
        round,
        unit,
      ]);
    for (const leaf of leaves)
      await q(
        `insert into round_scores (round_id, unit_id, criterion_code, self_score, appraised_score) values ($1, $2, $3, $4, $4)`,
        [round, a, leaf.code, leaf.maxPoints ?? 0],
      );
    const first = leaves[0] as Criterion;
    await q(
      `insert into round_scores (round_id, unit_id, criterion_code, self_score, appraised_score) values ($1, $2, $3, $4, $4)`,
      [round, c, first.code, first.maxPoints ?? 0],
    );
  }
  // A plan of the province: tasks led by Sở Nội vụ (done, overdue, not yet due) and one by a commune, one cancelled.
  const plan = (
    await q(
      `insert into plans (unit_id, title, title_search, year) values ((select id from units where code = '33' and valid_to is null),
       'Kế hoạch thử', 'ke hoach thu', 2026) returning id`,
    )
  ).rows[0].id;
  const tasks: [number, string, string | null][] = [
    [snv, 'done', '2026-06-30'],
    [snv, 'in_progress', '2026-11-30'],
    [snv, 'not_started', '2026-12-31'],
    [snv, 'not_started', null],
    [a, 'in_progress', '2026-12-01'],
    [a, 'cancelled', '2026-01-01'],
  ];
  for (const [index, [lead, status, due]] of tasks.entries()) {
    const item = (
      await q(
        `insert into plan_items (plan_id, position, ref, kind, text, status, due) values ($1, $2, $3, 'task', 'Nhiệm vụ', $4, $5) returning id`,
        [plan, index, String(index + 1), status, due],
      )
    ).rows[0].id;
    await q(`insert into plan_item_units (item_id, unit_id, role) values ($1, $2, 'lead')`, [item, lead]);
  }
  await database.db.execute(sql`analyze`);
}

export function leavesOf(criteria: readonly Criterion[]): Criterion[] {
  return criteria.flatMap((criterion) =>
    criterion.children?.length ? leavesOf(criterion.children) : [criterion],
  );
}
