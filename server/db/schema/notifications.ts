import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { units } from './units.ts';

/** In-app notifications: what a person is told (a report is due, was returned, was accepted…). */
export const notifications = pgTable(
  'notifications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    title: text().notNull(),
    body: text(),
    /** The same in English, for a reader (or an e-mail) in English; null: the Vietnamese is shown. */
    titleEn: text(),
    bodyEn: text(),
    /** Where in the web app it leads, e.g. "/reports/12". */
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
    /**
     * The e-mail copy of a hand-off: null (in-app only), "pending" (to send after the change
     * committed), "sending", "sent", "failed" (tried again while recent), "no_address".
     */
    mailState: text(),
    mailedAt: timestamp({ withTimezone: true }),
    /** When a sender claimed it ("sending"): a claim older than the send timeout is a dead sender's, taken again. */
    mailClaimedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt),
    index('notifications_mail_idx')
      .on(t.createdAt)
      .where(sql`${t.mailState} in ('pending', 'failed', 'sending')`),
  ],
);

/**
 * Reminders sent for a unit's report of a period: one row per unit, period and reminder (e.g. "before:3",
 * "after:1"), so a reminder is sent once however often the scheduler runs.
 */
export const reminderSends = pgTable(
  'reminder_sends',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    periodCode: text().notNull(),
    reminder: text().notNull(),
    /** The addresses the e-mail went to (empty when the unit has nobody with an address). */
    recipients: text().array().notNull().default([]),
    status: text().notNull().default('sent'),
    error: text(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reminder_sends_once_idx').on(t.unitId, t.periodCode, t.reminder)],
);
