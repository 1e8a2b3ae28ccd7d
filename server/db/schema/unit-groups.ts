import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { planItems } from './plans.ts';
import { units } from './units.ts';

/**
 * A set of units a coordinator names and saves ("Các xã biên giới"), owned by a unit: its members lie
 * in that unit's subtree and whoever may manage groups there may change it.
 */
export const unitGroups = pgTable(
  'unit_groups',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    name: text().notNull(),
    /** Lower-case, diacritic-free name for search and for one name per owner. */
    nameSearch: text().notNull(),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('unit_groups_name_idx').on(t.unitId, t.nameSearch)],
);

export const unitGroupMembers = pgTable(
  'unit_group_members',
  {
    groupId: integer()
      .notNull()
      .references(() => unitGroups.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.unitId] }), index('unit_group_members_unit_idx').on(t.unitId)],
);

/**
 * A task given to a group (every unit of a type, or a saved group) rather than to named units: the
 * members are resolved when read (server/units/unit-group-resolver.ts), in force on the day.
 */
export const planItemGroups = pgTable(
  'plan_item_groups',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    itemId: integer()
      .notNull()
      .references(() => planItems.id),
    role: text().notNull(),
    unitType: text(),
    groupId: integer().references(() => unitGroups.id),
  },
  (t) => [
    unique('plan_item_groups_unique').on(t.itemId, t.role, t.unitType, t.groupId).nullsNotDistinct(),
    index('plan_item_groups_group_idx').on(t.groupId),
    check('plan_item_groups_role_check', sql`${t.role} in ('lead', 'support')`),
    check('plan_item_groups_one_kind', sql`(${t.unitType} is null) <> (${t.groupId} is null)`),
  ],
);
