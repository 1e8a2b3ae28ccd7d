import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from './units.ts';

export const users = pgTable('users', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  username: text().notNull().unique(),
  fullName: text().notNull(),
  fullNameSearch: text().notNull(),
  email: text(),
  /** As given at import or by the unit's head form; shown to whoever manages the account. */
  phone: text(),
  /** argon2id, never returned by any presenter. */
  passwordHash: text().notNull(),
  isActive: boolean().notNull().default(true),
  mustChangePassword: boolean().notNull().default(false),
  locale: text().notNull().default('vi'),
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A role granted on a unit reaches its whole subtree; a null unit means the whole installation. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    role: text().notNull(),
    unitId: integer().references(() => units.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_grants_unique_idx').on(t.userId, t.role, sql`coalesce(${t.unitId}, 0)`),
    index('role_grants_unit_idx').on(t.unitId),
    check(
      'role_grants_role_check',
      sql`${t.role} in ('admin', 'coordinator', 'unit_reporter', 'unit_head', 'appraiser', 'leader', 'clerk')`,
    ),
  ],
);

/** Sessions live in the database; the id is an HMAC of the cookie token, so a leaked table opens no session. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    csrfToken: text().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins counted per key, in the database so every server process sees the same count:
 * "account:<username>" (known or not, so a lock does not tell which usernames exist) and "address:<ip>".
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  key: text().primaryKey(),
  attempts: integer().notNull(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
});
