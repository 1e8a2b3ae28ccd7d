import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { AgencyMatch, UnitRef } from '../../core/plans/plan-views.ts';
import type { ParsedPlan } from '../../core/plans/types.ts';
import { addDays, formatDateVi } from '../../core/text/dates.ts';
import { compareVietnamese, foldVietnamese } from '../../core/text/vietnamese.ts';
import { AGENCY_KEY_STEPS, agencyKey } from '../../core/units/agency-key.ts';
import {
  DEPARTMENTS_REORGANISED_BY,
  DEPARTMENTS_REORGANISED_ON,
  departmentSuccessor,
} from '../../core/units/department-successors.ts';
import { todayOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { agencyAliases, units } from '../db/schema/index.ts';
import type { PlanContext } from './plan-access.ts';
import { agencyGroups, writeRoot } from './plan-groups.ts';

/**
 * The agencies a plan names, resolved to units: a remembered mapping; an active unit of that name (by
 * `agencyKey`, so "Văn phòng UBND tỉnh" finds "Văn phòng Ủy ban nhân dân tỉnh"); a group ("UBND cấp
 * xã"); and for a name from before the 2025 reorganisation, the unit(s) carrying it today, offered as a
 * suggestion the person accepts — from the unit successions the database knows, else from the shipped
 * table of departments (core/units/department-successors.ts). What stays unmapped says why when known.
 */

/** Remembered mappings are keyed by the document's own wording, folded (agency_aliases.name_key). */
export const aliasKey = (name: string) => foldVietnamese(name).replace(/\s+/g, ' ').trim();

/** `agencyKey` applied by the database to a folded name column: the same steps, in the same order. */
export function agencyKeySql(folded: SQL | typeof units.nameSearch): SQL<string> {
  let key: SQL = sql`' ' || ${folded} || ' '`;
  for (const [pattern, replacement] of AGENCY_KEY_STEPS)
    key = sql`regexp_replace(${key}, ${pattern}, ${replacement}, 'g')`;
  return sql<string>`btrim(${key})`;
}

const words = (vi: string, en: string) => ({ vi, en });

/** Every agency a plan's tasks name, resolved to a unit, a group, or a suggested successor. */
export async function planAgencies(ctx: PlanContext, plan: ParsedPlan): Promise<AgencyMatch[]> {
  const names = [...new Set(plan.tasks.flatMap((task) => [...task.lead, ...task.support]))];
  const within = writeRoot(ctx);
  const matches = await resolveAgencies(ctx.db, names, within);
  // "UBND cấp xã", "các sở, ngành": a group of units, unless a name was remembered for one unit.
  const groups = await agencyGroups(ctx, names);
  const grouped = matches.map((match): AgencyMatch => {
    const group = groups.get(match.name);
    return group && match.unit === null ? { ...match, group, source: 'group' } : match;
  });
  // A name no unit carries (a remembered alias may be "no unit": groups are remembered so).
  const open = grouped
    .filter((match) => match.unit === null && match.group === null)
    .map((match) => match.name);
  const suggested = await successorSuggestions(ctx, open, within);
  return grouped.map((match) => suggested.get(match.name) ?? match);
}

/** A remembered mapping first, then an active unit of that name (the one inside `within` if several). */
export async function resolveAgencies(db: DbOrTx, names: string[], within = '/'): Promise<AgencyMatch[]> {
  if (names.length === 0) return [];
  const aliases = await db
    .select({ nameKey: agencyAliases.nameKey, unitId: units.id, unitName: units.name })
    .from(agencyAliases)
    .leftJoin(units, eq(units.id, agencyAliases.unitId))
    .where(inArray(agencyAliases.nameKey, names.map(aliasKey)));
  const byAlias = new Map(aliases.map((alias) => [alias.nameKey, alias]));
  const keyOf = agencyKeySql(units.nameSearch);
  const sameName = await db
    .select({ id: units.id, name: units.name, path: units.path, key: keyOf })
    .from(units)
    .where(and(inArray(keyOf, [...new Set(names.map(agencyKey))]), isNull(units.validTo)));
  return names.map((name): AgencyMatch => {
    const alias = byAlias.get(aliasKey(name));
    if (alias) {
      const unit = alias.unitId === null ? null : { id: alias.unitId, name: alias.unitName ?? '' };
      return { name, unit, group: null, source: 'alias', suggestion: null, note: null };
    }
    const all = sameName.filter((unit) => unit.key === agencyKey(name));
    const candidates = all.length > 1 ? all.filter((unit) => unit.path.startsWith(within)) : all;
    // Two active units of one name (two "Phòng Nội vụ"): the person chooses.
    const [only] = candidates;
    if (candidates.length === 1 && only)
      return {
        name,
        unit: { id: only.id, name: only.name },
        group: null,
        source: 'name',
        suggestion: null,
        note: null,
      };
    return { name, unit: null, group: null, source: null, suggestion: null, note: null };
  });
}

const byName = (a: UnitRef, b: UnitRef) => compareVietnamese(a.name, b.name);

/**
 * Names of units no longer in force, or of departments reorganised in 2025, mapped to the units that
 * carry them today inside `within`; a district the data has no successors for is left with a reason.
 */
async function successorSuggestions(
  ctx: PlanContext,
  names: string[],
  within: string,
): Promise<Map<string, AgencyMatch>> {
  const found = new Map<string, AgencyMatch>();
  if (names.length === 0) return found;
  const today = todayOf(ctx);
  const suggest = (name: string, successors: UnitRef[], reason: { vi: string; en: string }) => {
    const units = [...new Map(successors.map((unit) => [unit.id, unit])).values()].sort(byName);
    found.set(name, {
      name,
      unit: units.length === 1 ? (units[0] ?? null) : null,
      group: null,
      source: 'successor',
      suggestion: { units, reason },
      note: null,
    });
  };

  // (a) The database's history: a closed unit of that name, followed through its successions.
  for (const [name, former] of await formerUnitsCarried(ctx.db, names, within, today)) {
    const [first] = former;
    if (!first) continue;
    // Two closed units of one name in the province ("Xã Tân Lập" of two old districts): the person chooses.
    if (former.length > 1) {
      found.set(name, {
        ...unmapped(name),
        note: words(
          `Có ${former.length} đơn vị cũ cùng tên "${name}": hãy chọn đơn vị kế thừa.`,
          `${former.length} former units share the name "${name}": choose the successor.`,
        ),
      });
      continue;
    }
    // A succession's date is the former unit's last day (30/06/2025): its successor carries it from the next.
    const on = formatDateVi(addDays(first.effectiveOn, 1));
    const list = first.successors.map((unit) => unit.name).join(', ');
    suggest(
      name,
      first.successors,
      words(
        `Đơn vị kế thừa từ ${on} của ${first.name}: ${list}.`,
        `Successor since ${on} of ${first.name}: ${list}.`,
      ),
    );
  }

  // (b) The departments reorganised in 2025, to today's department of that name in the province.
  const departments = names.flatMap((name) => {
    const succession = found.has(name) ? null : departmentSuccessor(name);
    return succession ? [{ name, succession }] : [];
  });
  if (departments.length > 0) {
    const keyOf = agencyKeySql(units.nameSearch);
    const carriersToday = await ctx.db
      .select({ id: units.id, name: units.name, key: keyOf })
      .from(units)
      .where(
        and(
          inArray(
            keyOf,
            departments.map(({ succession }) => agencyKey(succession.now)),
          ),
          isNull(units.validTo),
          sql`${units.path} like ${`${within}%`}`,
        ),
      );
    const on = formatDateVi(DEPARTMENTS_REORGANISED_ON);
    for (const { name, succession } of departments) {
      const carriers = carriersToday.filter((unit) => unit.key === agencyKey(succession.now));
      const parts = succession.note ? { vi: `; ${succession.note.vi}`, en: `; ${succession.note.en}` } : null;
      if (carriers.length === 1) {
        suggest(
          name,
          carriers.map(({ id, name: unitName }) => ({ id, name: unitName })),
          words(
            `Đơn vị kế thừa từ ${on} (${DEPARTMENTS_REORGANISED_BY}): ${succession.formerly} nay là ${succession.now}${parts?.vi ?? ''}.`,
            `Successor since ${on} (${DEPARTMENTS_REORGANISED_BY}): ${succession.formerly} is now ${succession.now}${parts?.en ?? ''}.`,
          ),
        );
      } else {
        found.set(name, {
          ...unmapped(name),
          note: words(
            `${succession.formerly} nay là ${succession.now} (${DEPARTMENTS_REORGANISED_BY}), nhưng danh sách đơn vị chưa có ${succession.now}${parts?.vi ?? ''}: hãy chọn đơn vị.`,
            `${succession.formerly} is now ${succession.now} (${DEPARTMENTS_REORGANISED_BY}), but no unit of that name is listed${parts?.en ?? ''}: choose the unit.`,
          ),
        });
      }
    }
  }

  // (c) A district level the data knows no successors of: abolished on 1 July 2025, said so.
  for (const name of names) {
    if (found.has(name) || !isDistrictName(name)) continue;
    found.set(name, {
      ...unmapped(name),
      note: words(
        'Cấp huyện kết thúc hoạt động từ 01/07/2025 và dữ liệu chưa có đơn vị kế thừa: hãy chọn đơn vị hoặc nhóm (ví dụ các xã, phường kế thừa).',
        'District governments were abolished on 1 July 2025 and no successor is recorded: choose a unit or a group (e.g. the succeeding communes).',
      ),
    });
  }
  return found;
}

const unmapped = (name: string): AgencyMatch => ({
  name,
  unit: null,
  group: null,
  source: null,
  suggestion: null,
  note: null,
});

// "UBND cấp huyện", "UBND huyện", "UBND huyện Tiên Lữ" (its key "huyen tien lu"), "Thị xã Mỹ Hào".
const DISTRICT_KEY = /^(?:ubnd cap huyen|ubnd cac huyen|huyen|quan|thi xa|thanh pho)\b/;
function isDistrictName(name: string): boolean {
  return DISTRICT_KEY.test(agencyKey(name));
}

interface FormerUnit {
  id: number;
  name: string;
  effectiveOn: string;
  successors: UnitRef[];
}

/**
 * For each name, the units of that name no longer in force whose successions lead (over any number of
 * merges, splits and renames) to units in force today inside `within`, with those units.
 */
async function formerUnitsCarried(
  db: DbOrTx,
  names: string[],
  within: string,
  today: string,
): Promise<Map<string, FormerUnit[]>> {
  const keyOf = agencyKeySql(units.nameSearch);
  const former = await db
    .select({ id: units.id, name: units.name, key: keyOf })
    .from(units)
    .where(and(inArray(keyOf, [...new Set(names.map(agencyKey))]), isNotNull(units.validTo)));
  if (former.length === 0) return new Map();
  const result = await db.execute<{
    origin: number;
    id: number;
    name: string;
    effective_on: string;
  }>(sql`with recursive chain(origin, unit_id, effective_on, depth) as (
      select s.predecessor_id, s.successor_id, s.effective_on, 1 from unit_successions s
        where s.predecessor_id in (${sql.join(
          former.map((unit) => sql`${unit.id}`),
          sql`, `,
        )})
      union all
      select c.origin, s.successor_id, c.effective_on, c.depth + 1
        from chain c join unit_successions s on s.predecessor_id = c.unit_id
        where c.depth < 10
    )
    select c.origin, u.id, u.name, min(c.effective_on)::text as effective_on
      from chain c join units u on u.id = c.unit_id
      where u.valid_from <= ${today} and (u.valid_to is null or u.valid_to >= ${today})
        and u.path like ${`${within}%`}
      group by c.origin, u.id, u.name`);
  const carried = new Map<number, { effectiveOn: string; successors: UnitRef[] }>();
  for (const row of result.rows) {
    const origin = Number(row.origin);
    const entry = carried.get(origin) ?? { effectiveOn: row.effective_on, successors: [] };
    entry.successors.push({ id: Number(row.id), name: row.name });
    if (row.effective_on < entry.effectiveOn) entry.effectiveOn = row.effective_on;
    carried.set(origin, entry);
  }
  const byKey = new Map<string, FormerUnit[]>();
  for (const unit of former) {
    const entry = carried.get(unit.id);
    if (!entry) continue;
    const list = byKey.get(unit.key) ?? [];
    list.push({
      id: unit.id,
      name: unit.name,
      effectiveOn: entry.effectiveOn,
      successors: entry.successors.sort(byName),
    });
    byKey.set(unit.key, list);
  }
  return new Map(
    names.flatMap((name) => {
      const list = byKey.get(agencyKey(name));
      return list ? [[name, list] as const] : [];
    }),
  );
}
