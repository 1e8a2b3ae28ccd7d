import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { units } from './units.ts';

/** The province's list of feedback categories, in the order the form shows them (seeded by the migration). */
export const feedbackCategories = pgTable('feedback_categories', {
  code: text().primaryKey(),
  nameVi: text().notNull(),
  nameEn: text().notNull(),
  position: integer().notNull(),
  isActive: boolean().notNull().default(true),
});

/**
 * The routing table the coordinator edits: a category (null: any) about a commune (null: any) is
 * answered by a unit. The most specific line wins; with no line, the commune itself answers.
 */
export const feedbackRoutes = pgTable(
  'feedback_routes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    categoryCode: text().references(() => feedbackCategories.code),
    unitId: integer().references(() => units.id),
    handlingUnitId: integer()
      .notNull()
      .references(() => units.id),
  },
  (t) => [
    uniqueIndex('feedback_routes_line_idx').on(
      sql`coalesce(${t.categoryCode}, '')`,
      sql`coalesce(${t.unitId}, 0)`,
    ),
  ],
);

/**
 * What a citizen raised (a phản ánh or kiến nghị; a complaint or denunciation taken in on its own
 * procedure): where it concerns, who handles it now, its status and outcome kept apart, its clock.
 * The citizen's private link carries a token of which only the SHA-256 is kept. Never deleted: spam
 * and duplicates are closed with a reason.
 */
export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The tracking code the citizen keeps ("PAKN-20261203-K7Q4M"). */
    code: text().notNull(),
    kind: text().notNull(),
    /** The procedure decideIntake gave it: petition, complaint or denunciation. */
    procedure: text().notNull(),
    categoryCode: text()
      .notNull()
      .references(() => feedbackCategories.code),
    /** The commune or ward it concerns. */
    unitId: integer()
      .notNull()
      .references(() => units.id),
    /** The unit that must answer it now (the routing table's, then wherever it was forwarded). */
    handlingUnitId: integer()
      .notNull()
      .references(() => units.id),
    channel: text().notNull(),
    text: text().notNull(),
    /** SHA-256 of the folded text: the same text about the same commune within a day is a duplicate. */
    textKey: text().notNull(),
    /** Folded code, text and category for search without diacritics. */
    search: text().notNull(),
    citizenName: text(),
    publishName: boolean().notNull().default(false),
    contactPhone: text(),
    contactEmail: text(),
    contactAddress: text(),
    /** Where the citizen placed it on a map (WGS 84), when the device allowed; and the place in words. */
    lat: doublePrecision(),
    lng: doublePrecision(),
    placeText: text(),
    /** The registered Open311 client that pushed it, and the token it was given (GeoReport v2 `tokens/`). */
    clientId: integer().references((): AnyPgColumn => open311Clients.id),
    clientToken: text(),
    tokenHash: text().notNull(),
    status: text().notNull().default('received'),
    outcome: text(),
    /** Why not resolved, why spam, why not in our competence. */
    outcomeReason: text(),
    duplicateOfId: integer().references((): AnyPgColumn => feedbackItems.id),
    /** The body outside this installation it was sent to as "not in our competence". */
    forwardedTo: text(),
    receivedOn: date({ mode: 'string' }).notNull(),
    acceptedOn: date({ mode: 'string' }),
    answeredOn: date({ mode: 'string' }),
    closedOn: date({ mode: 'string' }),
    /** The deadline of the first clock (answer, acceptance or initial processing) under the rule in force on receipt. */
    dueOn: date({ mode: 'string' }).notNull(),
    dueBasis: text().notNull(),
    answer: text(),
    rating: text(),
    ratedOn: date({ mode: 'string' }),
    reopened: integer().notNull().default(0),
    createdBy: integer().references(() => users.id),
    version: integer().notNull().default(1),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feedback_items_code_idx').on(t.code),
    uniqueIndex('feedback_items_client_token_idx').on(t.clientToken),
    index('feedback_items_handling_idx').on(t.handlingUnitId, t.status),
    index('feedback_items_unit_idx').on(t.unitId, t.textKey),
    index('feedback_items_received_idx').on(t.receivedOn),
    // Whether a category is in use (it may then be retired, never deleted): one probe, not a scan.
    index('feedback_items_category_idx').on(t.categoryCode),
    check(
      'feedback_items_channel_check',
      sql`${t.channel} in ('web', 'hotline', 'paper', 'zalo', 'portal', 'in_person', 'app')`,
    ),
    check(
      'feedback_items_status_check',
      sql`${t.status} in ('received', 'accepted', 'needs_info', 'in_progress', 'answered', 'closed')`,
    ),
    check(
      'feedback_items_outcome_check',
      sql`${t.outcome} is null or ${t.outcome} in ('resolved', 'not_resolved', 'not_competent', 'duplicate', 'spam')`,
    ),
    check(
      'feedback_items_place_check',
      sql`(${t.lat} is null) = (${t.lng} is null) and (${t.lat} is null or (${t.lat} between -90 and 90 and ${t.lng} between -180 and 180))`,
    ),
    check(
      'feedback_items_rating_check',
      sql`${t.rating} is null or ${t.rating} in ('satisfied', 'not_satisfied')`,
    ),
  ],
);

/**
 * Every step of an item: received, each hop between units, questions and replies, the answer, notes.
 * `visibility`: public (the public page), citizen (the private link too), internal (staff only).
 */
export const feedbackEvents = pgTable(
  'feedback_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    feedbackId: integer()
      .notNull()
      .references(() => feedbackItems.id),
    action: text().notNull(),
    on: date({ mode: 'string' }).notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: integer().references(() => users.id),
    /** A staff member's name, or "citizen". */
    actorName: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    fromUnitId: integer().references(() => units.id),
    toUnitId: integer().references(() => units.id),
    visibility: text().notNull(),
    note: text(),
    /** The deadline this step set (accepted, forwarded, resumed, extended), shown in the history. */
    dueOn: date({ mode: 'string' }),
    /**
     * The e-mail telling the citizen of this step, when they left an address: null (none), "pending"
     * (to send after the step committed), "sending", "sent", "failed" (tried again while recent).
     */
    mailState: text(),
    mailedAt: timestamp({ withTimezone: true }),
    /** When a sender claimed it: a claim older than the send timeout is a dead sender's, taken again. */
    mailClaimedAt: timestamp({ withTimezone: true }),
    /** The same outbox for the text message to a citizen who left a phone number (CHISO_SMS_URL). */
    smsState: text(),
    smsSentAt: timestamp({ withTimezone: true }),
    smsClaimedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('feedback_events_item_idx').on(t.feedbackId, t.id),
    index('feedback_events_mail_idx').on(t.at).where(sql`${t.mailState} in ('pending', 'failed', 'sending')`),
    check('feedback_events_visibility_check', sql`${t.visibility} in ('public', 'citizen', 'internal')`),
  ],
);

/**
 * Public submissions per address (its SHA-256) per hour, kept in the database so a restart forgets
 * nothing and every server process counts the same; rows older than a day are purged.
 */
export const feedbackSubmissionCounts = pgTable(
  'feedback_submission_counts',
  {
    addressHash: text().notNull(),
    hour: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.addressHash, t.hour] }),
    index('feedback_submission_counts_hour_idx').on(t.hour),
  ],
);

/**
 * The public web form's tokens that have sent a petition (each its random part, kept until the token
 * would have expired anyway): a form is used once, by every server process alike.
 */
export const feedbackFormTokens = pgTable(
  'feedback_form_tokens',
  {
    nonce: text().primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('feedback_form_tokens_expires_idx').on(t.expiresAt)],
);

/**
 * The applications registered to push petitions through Open311 GeoReport v2 (a province's own app,
 * the national portal's connector): each holds an api_key of which only the SHA-256 is kept. Revoked,
 * never deleted, so the items it sent still name it.
 */
export const open311Clients = pgTable(
  'open311_clients',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    keyHash: text().notNull(),
    /** The key's last four characters, to tell keys apart on screen. */
    keyHint: text().notNull(),
    /** The channel its petitions are recorded under ('app' or 'portal'). */
    channel: text().notNull().default('app'),
    isActive: boolean().notNull().default(true),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('open311_clients_key_idx').on(t.keyHash),
    check('open311_clients_channel_check', sql`${t.channel} in ('app', 'portal')`),
  ],
);
