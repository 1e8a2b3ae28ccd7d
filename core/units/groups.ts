/**
 * Groups of units as assignees. Plans write "UBND cấp xã" or "các sở, ngành" instead of naming 104
 * communes; a task keeps the group itself as its assignment (so the plan still reads "UBND cấp xã" and
 * exports so) and its members are worked out when read: the units of the group in force on the day,
 * inside the plan owner's subtree. A commune founded by a merger is therefore covered without anyone
 * re-assigning the task.
 *
 * Two kinds: every unit of a type ("type:commune"), and a saved group a coordinator names
 * ("saved:12", e.g. "Các xã biên giới"), whose closed members are carried on by their successors.
 */

import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idSchema, versionSchema } from '../ids.ts';
import { AGENCY_TABLE } from '../plans/agency-table.ts';
import { text } from '../text/fields.ts';
import { agencyKey } from './agency-key.ts';
import { UNIT_TYPE_NAMES, type UnitType } from './unit-types.ts';

export type GroupKey = `type:${UnitType}` | `saved:${number}`;

export type ParsedGroupKey = { kind: 'type'; unitType: UnitType } | { kind: 'saved'; id: number };

const KEY_PATTERN = new RegExp(`^(?:type:(${UNIT_TYPE_NAMES.join('|')})|saved:([1-9]\\d{0,9}))$`);

/** "type:commune" → the type; "saved:12" → the saved group's id; anything else → null. */
export function parseGroupKey(key: string): ParsedGroupKey | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  if (match[1]) return { kind: 'type', unitType: match[1] as UnitType };
  const id = Number(match[2]);
  return id <= 2_147_483_647 ? { kind: 'saved', id } : null;
}

export function typeGroupKey(unitType: UnitType): GroupKey {
  return `type:${unitType}`;
}

export function savedGroupKey(id: number): GroupKey {
  return `saved:${id}`;
}

export const groupKeySchema = z
  .string()
  .refine((key) => parseGroupKey(key) !== null, zodMsg('Nhóm đơn vị không hợp lệ.', 'Invalid unit group.'))
  .transform((key) => key as GroupKey);

/** The groups every installation has, in the order a picker offers them. */
export const TYPE_GROUPS: readonly { unitType: UnitType; vi: string; en: string }[] = [
  { unitType: 'commune', vi: 'Tất cả xã, phường', en: 'All communes and wards' },
  { unitType: 'department', vi: 'Tất cả sở, ban, ngành', en: 'All departments' },
  { unitType: 'district', vi: 'Tất cả UBND cấp huyện', en: 'All districts' },
  { unitType: 'office', vi: 'Tất cả phòng, đơn vị trực thuộc', en: 'All offices' },
];

export function typeGroupName(unitType: UnitType, locale: 'vi' | 'en' = 'vi'): string {
  return TYPE_GROUPS.find((group) => group.unitType === unitType)?.[locale] ?? unitType;
}

/**
 * The importer's canonical agency names (core/plans/agency-table.ts) that mean "every unit of a type":
 * "UBND cấp xã", "UBND các xã, phường" and the like all read as "UBND cấp xã" first.
 */
const AGENCY_GROUPS: Record<string, UnitType> = {
  'UBND cấp xã': 'commune',
  'UBND xã': 'commune',
  'Các sở, ban, ngành': 'department',
  'UBND cấp huyện': 'district',
  'UBND huyện': 'district',
};
// Each canonical name and every way the agency table says a document writes it ("Ủy ban nhân dân cấp xã").
const AGENCY_GROUP_KEYS = new Map(
  Object.entries(AGENCY_GROUPS).flatMap(([name, unitType]) =>
    [name, ...(AGENCY_TABLE.find((entry) => entry.name === name)?.aliases ?? [])].map(
      (alias) => [agencyKey(alias), unitType] as const,
    ),
  ),
);

/** The group an agency name of a plan stands for ("UBND cấp xã" → every commune), if it is one. */
export function groupOfAgency(name: string): GroupKey | null {
  const unitType = AGENCY_GROUP_KEYS.get(agencyKey(name));
  return unitType ? typeGroupKey(unitType) : null;
}

/** Whether a unit is in force on an ISO date: `validTo` is its last day (30/06/2025 before the merger). */
export function isInForce(unit: { validFrom: string; validTo: string | null }, on: string): boolean {
  return unit.validFrom <= on && (unit.validTo === null || unit.validTo >= on);
}

/**
 * Who a task names, for a person to read: its units and groups ("Tất cả xã, phường (104)" with
 * `withCounts`); a task given to nobody mapped reads as the document wrote it. The .docx export names
 * a task given only to a group as the document did ("UBND cấp xã").
 */
export function assigneeNames(
  units: readonly { name: string }[],
  groups: readonly { name: string; memberCount: number }[],
  documentNames: readonly string[],
  options: { withCounts?: boolean; documentFirst?: boolean } = {},
): string[] {
  const groupNames = groups.map((group) =>
    options.withCounts ? `${group.name} (${group.memberCount.toLocaleString('vi-VN')})` : group.name,
  );
  if (units.length > 0) return [...units.map((unit) => unit.name), ...groupNames];
  if (options.documentFirst && documentNames.length > 0) return [...documentNames];
  if (groupNames.length > 0) return groupNames;
  return [...documentNames];
}

// ---- What the API sends and the forms send back ---------------------------------------------------

/** A group as a task shows it: "Tất cả xã, phường (104)". */
export const groupRefSchema = z.object({
  key: z.string(),
  name: z.string(),
  memberCount: z.number().int(),
});
export type GroupRef = z.infer<typeof groupRefSchema>;

export const unitGroupSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  name: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  members: z.array(
    z.object({ id: z.number().int(), name: z.string(), type: z.string(), validTo: z.string().nullable() }),
  ),
  memberCount: z.number().int(),
  canEdit: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type UnitGroup = z.infer<typeof unitGroupSchema>;

export const unitGroupSummarySchema = unitGroupSchema.omit({ members: true });
export type UnitGroupSummary = z.infer<typeof unitGroupSummarySchema>;

const memberIds = z
  .array(idSchema)
  .min(1, zodMsg('Nhóm phải có ít nhất một đơn vị.', 'A group must have at least one unit.'))
  .max(5000, zodMsg('Một nhóm có tối đa 5.000 đơn vị.', 'A group has at most 5,000 units.'));

export const createUnitGroupSchema = z.object({
  /** The unit whose coordinators own the group; its members are inside its subtree. */
  unitId: idSchema,
  name: text(200, zodMsg('Vui lòng nhập tên nhóm.', 'Enter the group name.')),
  memberIds,
});
export type CreateUnitGroupInput = z.input<typeof createUnitGroupSchema>;

export const updateUnitGroupSchema = z.object({
  name: text(200, zodMsg('Vui lòng nhập tên nhóm.', 'Enter the group name.')),
  memberIds,
  version: versionSchema,
});
export type UpdateUnitGroupInput = z.input<typeof updateUnitGroupSchema>;

/** A group a picker offers, with how many units it covers today inside the plan's unit. */
export const groupChoiceSchema = groupRefSchema.extend({ kind: z.enum(['type', 'saved']) });
export type GroupChoice = z.infer<typeof groupChoiceSchema>;
