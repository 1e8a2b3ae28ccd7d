import type { Role } from '../../core/auth/roles.ts';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import { buildUser, type Session, signIn, type TestApp, unitIdByCode } from './harness.ts';

/**
 * Records for access tests, each built through the API by someone allowed to build it, so a test
 * states only who acts on what. Demo units: "33" the province, "33.SNV" a department, communes
 * "11953" (Phường Phố Hiến, commune A) and "11977" (Xã Tân Hưng, commune B).
 */
export const COMMUNE_A = '11953';
export const COMMUNE_B = '11977';

/** A new user holding `role` on the unit with this code (null: the whole installation), signed in. */
export async function signInAs(t: TestApp, role: Role, unitCode: string | null): Promise<Session> {
  const user = await buildUser(t.database, [{ role, unitCode }]);
  return signIn(t.app, user.username, user.password);
}

export interface PlanSpec {
  /** The unit issuing the plan (default: the province). */
  unitCode?: string;
  /** One task per entry, led by the units with these codes. */
  tasks: { ref: string; leadCodes: string[] }[];
  /** Who saves it (default: a new coordinator at the province). */
  by?: Session;
}

/** A plan saved through POST /api/plans, each task led by the units named. */
export async function buildPlan(t: TestApp, spec: PlanSpec): Promise<PlanDetail> {
  const by = spec.by ?? (await signInAs(t, 'coordinator', '33'));
  const codes = [...new Set(spec.tasks.flatMap((task) => task.leadCodes))];
  const ids = new Map<string, number>();
  for (const code of codes) ids.set(code, await unitIdByCode(t.database, code));
  const reply = await by.request('POST', '/api/plans', {
    unitId: await unitIdByCode(t.database, spec.unitCode ?? '33'),
    number: null,
    type: 'KH',
    issuedOn: null,
    place: null,
    issuer: null,
    signer: null,
    title: `Kế hoạch thử ${Math.random().toString(36).slice(2, 8)}`,
    year: 2026,
    indices: [],
    sections: [],
    tasks: spec.tasks.map((task) => ({
      ref: task.ref,
      text: `Nhiệm vụ ${task.ref}`,
      index: null,
      dimension: null,
      leadNames: task.leadCodes.map((code) => `Đơn vị ${code}`),
      supportNames: [],
      due: null,
      recurrence: null,
    })),
    targets: [],
    agencies: codes.map((code) => ({ name: `Đơn vị ${code}`, unitId: ids.get(code) ?? null })),
  });
  if (reply.status !== 201) throw new Error(`buildPlan: ${reply.status} ${reply.body}`);
  return reply.json as PlanDetail;
}

/** The task of a plan with this reference. */
export function taskOf(plan: PlanDetail, ref: string): PlanDetail['items'][number] {
  const task = plan.items.find((item) => item.ref === ref);
  if (!task) throw new Error(`no task ${ref} in plan ${plan.id}`);
  return task;
}
