import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { feedbackItems } from './feedback.ts';
import { units } from './units.ts';

/**
 * A head's standing rule for receiving citizens (lịch tiếp công dân định kỳ): every week on a weekday,
 * or every month on a day of the month or the n-th weekday (`monthWeek` 1–4, or -1 for the last). The
 * sessions it yields are the dates the schedule publishes; a day that falls on a holiday moves to the
 * next working day. `hostLevel` says which legal minimum applies (a commune chairman weekly, a
 * provincial chairman or a department head monthly…).
 */
export const receptionRules = pgTable(
  'reception_rules',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    hostLevel: text().notNull(),
    /** The host's title and name as published ("Chủ tịch UBND xã", "Nguyễn Văn A"). */
    hostTitle: text().notNull(),
    hostName: text(),
    frequency: text().notNull(),
    /** 1 = Monday … 7 = Sunday (ISO). */
    weekday: integer(),
    monthWeek: integer(),
    monthDay: integer(),
    /** "HH:MM". */
    startTime: text().notNull(),
    endTime: text().notNull(),
    location: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reception_rules_unit_idx').on(t.unitId),
    check(
      'reception_rules_level_check',
      sql`${t.hostLevel} in ('commune_chair', 'province_chair', 'agency_head', 'public_service_head', 'party_province', 'party_commune', 'other')`,
    ),
    check('reception_rules_frequency_check', sql`${t.frequency} in ('weekly', 'monthly')`),
    check('reception_rules_weekday_check', sql`${t.weekday} is null or ${t.weekday} between 1 and 7`),
    check(
      'reception_rules_month_week_check',
      sql`${t.monthWeek} is null or ${t.monthWeek} in (-1, 1, 2, 3, 4)`,
    ),
    check('reception_rules_month_day_check', sql`${t.monthDay} is null or ${t.monthDay} between 1 and 31`),
  ],
);

/**
 * One reception day of a unit: periodic (from a rule, or a one-off date the head sets), or ad hoc
 * (đột xuất). Published at least the legal number of working days ahead; postponed with a reason and
 * a new date posted; held, with who came (names in the register, or counts only) and the conclusion.
 */
export const receptionSessions = pgTable(
  'reception_sessions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    ruleId: integer().references(() => receptionRules.id),
    kind: text().notNull().default('periodic'),
    on: date({ mode: 'string' }).notNull(),
    startTime: text().notNull(),
    endTime: text().notNull(),
    location: text().notNull(),
    hostLevel: text().notNull(),
    hostTitle: text().notNull(),
    hostName: text(),
    /** The deputy who received in the head's stead, where delegation is allowed (an audited choice). */
    delegatedTo: text(),
    /** The expected content and who takes part, as the schedule publishes them. */
    topic: text(),
    participants: text(),
    status: text().notNull().default('planned'),
    publishedAt: timestamp({ withTimezone: true }),
    postponedReason: text(),
    /** The session this one replaces, when a postponed day was moved. */
    replacesId: integer(),
    /** 'names': each visitor is in the register; 'counts': only how many came (privacy). */
    privacy: text().notNull().default('names'),
    visitorCount: integer(),
    /** Thông báo kết luận: what the head concluded. */
    conclusion: text(),
    /** 'in_person' | 'online' (Luật 136/2025/QH15 Điều 3a, from 01/7/2026). */
    mode: text().notNull().default('in_person'),
    /** The online session's link or platform: for staff, never published. */
    onlineLink: text(),
    /** The online checklist's dated checks: the parties notified, the test connection made. */
    onlineNotifiedOn: date({ mode: 'string' }),
    onlineTestedOn: date({ mode: 'string' }),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reception_sessions_unit_idx').on(t.unitId, t.on),
    uniqueIndex('reception_sessions_rule_day_idx').on(t.ruleId, t.on).where(sql`${t.ruleId} is not null`),
    check('reception_sessions_kind_check', sql`${t.kind} in ('periodic', 'ad_hoc')`),
    check(
      'reception_sessions_status_check',
      sql`${t.status} in ('planned', 'held', 'postponed', 'cancelled')`,
    ),
    check('reception_sessions_privacy_check', sql`${t.privacy} in ('names', 'counts')`),
    check('reception_sessions_visitors_check', sql`${t.visitorCount} is null or ${t.visitorCount} >= 0`),
    check('reception_sessions_mode_check', sql`${t.mode} in ('in_person', 'online')`),
  ],
);

/**
 * A line of the reception register (sổ tiếp công dân, Luật TCD Điều 25 khoản 2; the 2026 form's
 * columns where it adds them): numbered per unit per year, the visitor, what was raised and how it was
 * handled, the petition it became (linked), and the 10-working-day clock to tell the citizen.
 */
export const receptionEntries = pgTable(
  'reception_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    sessionId: integer().references(() => receptionSessions.id),
    year: integer().notNull(),
    number: integer().notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    citizenName: text().notNull(),
    address: text(),
    idNumber: text(),
    content: text().notNull(),
    /** phan_anh | kien_nghi | khieu_nai | to_cao. */
    kind: text().notNull(),
    peopleCount: integer().notNull().default(1),
    priorHandling: text(),
    request: text(),
    handling: text(),
    inCompetence: boolean().notNull().default(true),
    guidedTo: text(),
    transferredTo: text(),
    feedbackId: integer().references(() => feedbackItems.id),
    /** By when the citizen must be told it was accepted, refused or transferred (10 working days). */
    noticeDueOn: date({ mode: 'string' }).notNull(),
    noticedOn: date({ mode: 'string' }),
    note: text(),
    /** The representatives of several people with the same content (Luật TCD Điều 29–30). */
    representatives: text().array().notNull().default(sql`'{}'::text[]`),
    /** "Chuyển đến từ": the body of the National Assembly or People's Council, deputy or Ban TCD that transferred it. */
    referredBy: text(),
    resolvedOn: date({ mode: 'string' }),
    /** 7 working days after resolving: tell the transferring body (Điều 27 khoản 2). */
    referrerDueOn: date({ mode: 'string' }),
    referrerNotifiedOn: date({ mode: 'string' }),
    /** 5 working days after that notice: the transferring body tells the citizen (Điều 28 khoản 2). */
    citizenInformDueOn: date({ mode: 'string' }),
    /** Folded number, name, representatives, content and request for search without diacritics. */
    search: text().notNull(),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reception_entries_number_idx').on(t.unitId, t.year, t.number),
    index('reception_entries_session_idx').on(t.sessionId),
    check('reception_entries_kind_check', sql`${t.kind} in ('phan_anh', 'kien_nghi', 'khieu_nai', 'to_cao')`),
    check('reception_entries_people_check', sql`${t.peopleCount} >= 1`),
  ],
);
