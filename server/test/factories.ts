import type { Role } from '../../core/auth/roles.ts';
import type { AgencyMatch, CreatePlanInput, PlanDetail } from '../../core/plans/plan-views.ts';
import type { DimensionCode, ParsedPlan } from '../../core/plans/types.ts';
import { buildUser, type Session, signIn, type TestApp, unitIdByCode } from './harness.ts';

/**
 * Small factories for integration tests: each `it` builds what it needs with them instead of relying
 * on what an earlier test left behind. They go through the API, as a user would.
 */

/** A new user holding `role` on the unit with `unitCode` (null: the whole installation), signed in. */
export async function signInAs(t: TestApp, role: Role, unitCode: string | null): Promise<Session> {
  const user = await buildUser(t.database, [{ role, unitCode }]);
  return signIn(t.app, user.username);
}

let planSequence = 0;

/** Demo communes the access tests set side by side: Phường Phố Hiến (A) and Xã Tân Hưng (B). */
export const COMMUNE_A = '11953';
export const COMMUNE_B = '11977';

/**
 * A plan of `unitCode` (default the province "33") saved by `author` (default a new coordinator of the
 * province). `tasks` is either a count of tasks all led by `leadCode` (default "33.SNV"), or one entry
 * per task naming its reference and the codes of the units leading it.
 */
export async function buildPlan(
  t: TestApp,
  options: {
    author?: Session;
    unitCode?: string;
    leadCode?: string;
    tasks?: number | { ref: string; leadCodes: string[]; dimension?: DimensionCode; due?: string }[];
    due?: string | null;
    year?: number;
    title?: string;
    targets?: CreatePlanInput['targets'];
  } = {},
): Promise<PlanDetail> {
  planSequence += 1;
  const author = options.author ?? (await signInAs(t, 'coordinator', '33'));
  const tasks: { ref: string; leadCodes: string[]; dimension?: DimensionCode; due?: string }[] =
    typeof options.tasks === 'object'
      ? options.tasks
      : Array.from({ length: options.tasks ?? 1 }, (_, index) => ({
          ref: String(index + 1),
          leadCodes: [options.leadCode ?? '33.SNV'],
        }));
  // Each lead unit is named as a document would name it, and that name mapped to the unit.
  const leadName = (code: string) => `Đơn vị chủ trì ${code} (${planSequence})`;
  const codes = [...new Set(tasks.flatMap((task) => task.leadCodes))];
  const agencies = await Promise.all(
    codes.map(async (code) => ({ name: leadName(code), unitId: await unitIdByCode(t.database, code) })),
  );
  const input: CreatePlanInput = {
    unitId: await unitIdByCode(t.database, options.unitCode ?? '33'),
    number: `${planSequence}/KH-THU`,
    type: 'KH',
    issuedOn: null,
    place: null,
    issuer: null,
    signer: null,
    title: options.title ?? `Kế hoạch thử ${planSequence}`,
    year: options.year ?? 2026,
    indices: [],
    sections: [],
    tasks: tasks.map((task) => ({
      ref: task.ref,
      text: `Nhiệm vụ ${task.ref}`,
      index: null,
      dimension: task.dimension ?? null,
      leadNames: task.leadCodes.map(leadName),
      supportNames: [],
      due: task.due ?? (options.due === undefined ? '2026-12-31' : options.due),
      recurrence: null,
    })),
    targets: options.targets ?? [],
    agencies,
  };
  const saved = await author.request('POST', '/api/plans', input);
  if (saved.status !== 201) throw new Error(`buildPlan failed: ${saved.status} ${saved.body}`);
  return saved.json as PlanDetail;
}

/**
 * A unit answers `planId` with its own plan: its head (`head`, plans.write and plans.issue on the unit)
 * makes it from the tasks given, numbers and dates it, and issues it — a draft is no answer.
 */
export async function answerWithPlan(
  head: Session,
  planId: number,
  unitId: number,
  particulars: { number?: string; issuedOn?: string } = {},
): Promise<PlanDetail> {
  const made = await head.request('POST', `/api/plans/${planId}/children`, { unitId });
  if (made.status !== 201) throw new Error(`answerWithPlan failed: ${made.status} ${made.body}`);
  const numbered = await head.request('PATCH', `/api/plans/${made.json.id}`, {
    number: particulars.number ?? `${made.json.id}/KH-UBND`,
    issuedOn: particulars.issuedOn ?? '01/03/2026',
    version: made.json.version,
  });
  if (numbered.status !== 200) throw new Error(`answerWithPlan failed: ${numbered.status} ${numbered.body}`);
  const issued = await head.request('POST', `/api/plans/${made.json.id}/issue`, {
    version: numbered.json.version,
  });
  if (issued.status !== 200) throw new Error(`answerWithPlan failed: ${issued.status} ${issued.body}`);
  return issued.json as PlanDetail;
}

/** The task of a plan with this reference. */
export function taskOf(plan: PlanDetail, ref: string): PlanDetail['items'][number] {
  const task = plan.items.find((item) => item.ref === ref);
  if (!task) throw new Error(`no task ${ref} in plan ${plan.id}`);
  return task;
}

export interface BuiltReport {
  id: number;
  version: number;
  status: string;
}

/**
 * The report of the unit `unitCode` (default "33.SNV") for `periodCode`, opened by a reporter of the
 * unit and, with `submit`, sent by its head.
 */
export async function buildReport(
  t: TestApp,
  options: { unitCode?: string; periodCode: string; submit?: boolean },
): Promise<BuiltReport> {
  const unitCode = options.unitCode ?? '33.SNV';
  const reporter = await signInAs(t, 'unit_reporter', unitCode);
  const unitId = await unitIdByCode(t.database, unitCode);
  const opened = await reporter.request('POST', '/api/reports', { unitId, periodCode: options.periodCode });
  if (opened.status !== 200) throw new Error(`buildReport failed: ${opened.status} ${opened.body}`);
  if (!options.submit) return opened.json as BuiltReport;
  const head = await signInAs(t, 'unit_head', unitCode);
  const sent = await head.request('POST', `/api/reports/${opened.json.id}/transitions`, {
    action: 'submit',
    version: opened.json.version,
  });
  if (sent.status !== 200) throw new Error(`buildReport submit failed: ${sent.status} ${sent.body}`);
  return sent.json as BuiltReport;
}

/** Deadlines of every stage far in the future (dd/mm/yyyy, as the round form sends them). */
export const FUTURE_DEADLINES = {
  self: '30/06/2099',
  appraisal1: '31/07/2099',
  explanation: '15/08/2099',
  appraisal2: '31/08/2099',
  final: '30/09/2099',
};

/**
 * An assessment round of the demo commune framework (HY_CCHC_XA) over the province's communes, created
 * by `coordinator` (default a new coordinator of the province), in its first stage.
 */
export async function buildRound(
  t: TestApp,
  options: { coordinator?: Session; deadlines?: Partial<typeof FUTURE_DEADLINES>; name?: string } = {},
): Promise<{ id: number; version: number; stage: string; units: { unitId: number }[] }> {
  const coordinator = options.coordinator ?? (await signInAs(t, 'coordinator', '33'));
  const frameworks = (await coordinator.request('GET', '/api/frameworks')).json as {
    id: number;
    code: string;
  }[];
  const framework = frameworks.find((entry) => entry.code === 'HY_CCHC_XA');
  if (!framework) throw new Error('the demo commune framework is missing');
  const created = await coordinator.request('POST', '/api/rounds', {
    frameworkId: framework.id,
    ownerUnitId: await unitIdByCode(t.database, '33'),
    name: options.name ?? 'Đánh giá CCHC cấp xã (thử)',
    year: 2026,
    unitType: 'commune',
    deadlines: { ...FUTURE_DEADLINES, ...options.deadlines },
    bonusCap: 3,
    penaltyCap: 5,
  });
  if (created.status !== 201) throw new Error(`buildRound failed: ${created.status} ${created.body}`);
  return created.json;
}

/**
 * What the review screen saves for a previewed document, changed in nothing: its particulars, parts and
 * tasks as read, each agency as the preview resolved it (a unit, a suggested successor — one unit or a
 * district's communes — or a group).
 */
export function planInputOf(
  { plan, agencies }: { plan: ParsedPlan; agencies: AgencyMatch[] },
  options: { unitId: number; year: number },
): CreatePlanInput {
  return {
    unitId: options.unitId,
    number: plan.document.number,
    type: plan.document.type,
    issuedOn: plan.document.issuedOn,
    place: plan.document.place,
    issuer: plan.document.issuer,
    signer: plan.document.signer,
    title: plan.document.title ?? '',
    year: options.year,
    indices: plan.indices,
    sections: plan.sections,
    tasks: plan.tasks.map((task) => ({
      ref: task.ref,
      text: task.text,
      index: task.index,
      dimension: task.dimension,
      leadNames: task.lead,
      supportNames: task.support,
      due: task.due,
      recurrence: task.recurrence,
    })),
    targets: plan.targets,
    warnings: plan.warnings,
    agencies: agencies.map((agency) => ({
      name: agency.name,
      unitId: agency.unit?.id ?? null,
      unitIds: agency.unit ? [] : (agency.suggestion?.units.map((unit) => unit.id) ?? []),
      groupKey: agency.group?.key ?? null,
    })),
    parts: plan.parts ?? null,
  };
}
