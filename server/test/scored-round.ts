import type { Framework } from '../../core/frameworks/framework.ts';
import { walkCriteria } from '../../core/frameworks/framework.ts';
import type { ParsedPlan } from '../../core/plans/types.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { type TestApp, unitIdByCode } from './harness.ts';

/** The demo commune framework and its leaves (code, maximum, the area each belongs to). */
export async function communeFramework(t: TestApp) {
  const framework = (
    await t.database.pool.query<{ id: number; definition: Framework }>(
      "select id, definition from frameworks where code = 'HY_CCHC_XA' order by id desc limit 1",
    )
  ).rows[0];
  if (!framework) throw new Error('the demo commune framework is missing');
  const leaves = walkCriteria(framework.definition.criteria)
    .filter(({ criterion }) => !criterion.children?.length)
    .map(({ criterion, parent }) => ({
      code: criterion.code,
      nameVi: criterion.nameVi,
      max: criterion.maxPoints ?? 0,
      area: parent,
    }));
  return { id: framework.id, leaves };
}

/**
 * A round of the demo commune framework already scored, written straight into the tables (as the
 * overview's tests do; what is tested is the reading): Xã Tân Hưng with full marks, Phường Phố Hiến
 * with nothing in area XA.3 (20 points), Xã Văn Giang that never sent its self-assessment. In the
 * `final` stage it waits to be published; in `published` it is public since the database's now.
 */
export async function buildScoredRound(
  t: TestApp,
  { stage }: { stage: 'final' | 'published' },
): Promise<{ id: number; version: number }> {
  const { pool } = t.database;
  const province = await unitIdByCode(t.database, '33');
  const framework = await communeFramework(t);
  const leaves = framework.leaves.map(({ code, max, area }) => ({ code, max, area }));
  const round = (
    await pool.query<{ id: number; version: number }>(
      `insert into assessment_rounds (framework_id, owner_unit_id, name, year, stage, deadlines, published_at)
       values ($1, $2, 'Đánh giá cải cách hành chính cấp xã năm 2025', 2025, $3, '{}',
         case when $3 = 'published' then now() end)
       returning id, version`,
      [framework.id, province, stage],
    )
  ).rows[0] as { id: number; version: number };
  const tanHung = await unitIdByCode(t.database, '11977');
  const phoHien = await unitIdByCode(t.database, '11953');
  await pool.query(
    `insert into round_units (round_id, unit_id, self_submitted_at)
     select $1, id, case when name = 'Xã Văn Giang' then null else now() end from units
     where id in ($2, $3) or (name = 'Xã Văn Giang' and valid_to is null)`,
    [round.id, tanHung, phoHien],
  );
  await pool.query(
    `insert into round_scores (round_id, unit_id, criterion_code, self_score)
     select $1, u.unit_id, l.code, case when u.unit_id = $3 and l.area = 'XA.3' then 0 else l.max end
     from round_units u cross join jsonb_to_recordset($2::jsonb) as l(code text, max float8, area text)
     where u.round_id = $1 and u.self_submitted_at is not null`,
    [round.id, JSON.stringify(leaves), phoHien],
  );
  bumpDataVersion();
  return round;
}

/**
 * What the remediation review screen sends to POST /api/plans when a unit's draft
 * (GET /api/rounds/:id/remediation-draft) is saved as it stands (the caller may change it first).
 */
export function remediationPlanBody(
  plan: ParsedPlan,
  agencies: { name: string; unit: { id: number } | null }[],
  { unitId, roundId }: { unitId: number; roundId: number },
) {
  return {
    unitId,
    number: plan.document.number,
    type: plan.document.type,
    issuedOn: plan.document.issuedOn,
    place: plan.document.place,
    issuer: plan.document.issuer,
    signer: plan.document.signer,
    title: plan.document.title,
    year: 2026,
    indices: plan.indices,
    sections: plan.sections,
    tasks: plan.tasks.map(({ lead, support, ...task }) => ({
      ...task,
      leadNames: lead,
      supportNames: support,
    })),
    targets: plan.targets,
    agencies: agencies.map((agency) => ({ name: agency.name, unitId: agency.unit?.id ?? null })),
    parts: plan.parts,
    remediatesRoundId: roundId,
  };
}
