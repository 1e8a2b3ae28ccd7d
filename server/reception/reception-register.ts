import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { ENTRY_KINDS, type EntryKind } from '../../core/reception/labels.ts';
import type {
  createEntrySchema,
  EntryFields,
  petitionSchema,
} from '../../core/reception/reception-schemas.ts';
import { noticeDue, referralClocks } from '../../core/reception/schedule.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { Db, DbOrTx } from '../db/engine.ts';
import { receptionEntries } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { enterByStaff } from '../feedback/feedback-intake.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { assertUnit, loadEntry, loadSession, type ReceptionContext } from './reception-access.ts';

/**
 * The reception register (sổ tiếp công dân, Luật TCD Điều 25 khoản 2): lines numbered per unit per year
 * (the next number taken under a per-unit lock inside the transaction, so two officers writing at once
 * never share one), the legal fields, the 10-working-day notice clock computed, marking the citizen
 * told, and turning a line into a petition through the staff intake (channel "in person"), linked.
 */
type Entry = typeof receptionEntries.$inferSelect;

/** What the audit keeps of a line's clocks (the transferring body is an authority, not personal data). */
const followUp = (entry: Entry) => ({
  noticeDueOn: entry.noticeDueOn,
  referredBy: entry.referredBy,
  resolvedOn: entry.resolvedOn,
  referrerDueOn: entry.referrerDueOn,
  referrerNotifiedOn: entry.referrerNotifiedOn,
  citizenInformDueOn: entry.citizenInformDueOn,
});

/** The lock that serialises numbering in one unit's register (any constant, paired with the unit). */
const NUMBER_LOCK = 7_301;

const searchOf = (
  number: number,
  input: Pick<EntryFields, 'citizenName' | 'content' | 'request' | 'representatives'>,
) =>
  foldVietnamese(
    [number, input.citizenName, ...input.representatives, input.content, input.request ?? ''].join(' '),
  );

/** The clocks a line's dates start: the 10-working-day notice, and a transferred case's two follow-ups. */
async function clocksOf(db: DbOrTx, fields: EntryFields) {
  const { calendar } = await loadReportingCalendar(db);
  return { noticeDueOn: noticeDue(fields.receivedOn, calendar).dueOn, ...referralClocks(fields, calendar) };
}

function assertNotFuture(ctx: ReceptionContext, fields: EntryFields) {
  const today = todayOf(ctx);
  if (fields.receivedOn > today)
    throw fieldError(
      'receivedOn',
      msg('Ngày tiếp không thể sau hôm nay.', 'The day received cannot be after today.'),
    );
  if (fields.resolvedOn !== null && fields.resolvedOn > today)
    throw fieldError(
      'resolvedOn',
      msg('Ngày giải quyết không thể sau hôm nay.', 'The day resolved cannot be after today.'),
    );
  if (fields.referrerNotifiedOn !== null && fields.referrerNotifiedOn > today)
    throw fieldError(
      'referrerNotifiedOn',
      msg(
        'Ngày thông báo cho cơ quan chuyển đến không thể sau hôm nay.',
        'The day the transferring body was told cannot be after today.',
      ),
    );
}

export async function createEntry(ctx: ReceptionContext, input: z.output<typeof createEntrySchema>) {
  await assertUnit(ctx, input.unitId, 'handle');
  assertNotFuture(ctx, input);
  if (input.sessionId !== null) {
    const { session } = await loadSession(ctx, input.sessionId, 'handle');
    if (session.unitId !== input.unitId)
      throw fieldError(
        'sessionId',
        msg('Buổi tiếp này thuộc đơn vị khác.', 'This session belongs to another unit.'),
      );
    if (session.privacy === 'counts')
      throw new AppError(
        'CONFLICT',
        msg(
          'Buổi tiếp này chỉ ghi số lượt người, không ghi tên vào sổ.',
          'This session records counts only, not names in the register.',
        ),
      );
  }
  const year = Number(input.receivedOn.slice(0, 4));
  const { unitId, sessionId, ...fields } = input;
  const clocks = await clocksOf(ctx.db, fields);
  return mutate(ctx, async (tx, audit) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${NUMBER_LOCK}, ${unitId})`);
    const [last] = await tx
      .select({ number: sql<number>`coalesce(max(${receptionEntries.number}), 0)`.mapWith(Number) })
      .from(receptionEntries)
      .where(and(eq(receptionEntries.unitId, unitId), eq(receptionEntries.year, year)));
    const number = (last?.number ?? 0) + 1;
    const [entry] = await tx
      .insert(receptionEntries)
      .values({
        unitId,
        sessionId,
        year,
        number,
        ...fields,
        ...clocks,
        search: searchOf(number, fields),
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      })
      .returning();
    if (!entry) throw new Error('entry not stored');
    // The audit names the line, not the person: the register's personal data stays in the register.
    await audit({
      action: 'reception.entry.create',
      entityType: 'reception_entry',
      entityId: entry.id,
      unitId,
      after: {
        year,
        number,
        kind: entry.kind,
        sessionId,
        receivedOn: entry.receivedOn,
        peopleCount: entry.peopleCount,
        representatives: entry.representatives.length,
        ...followUp(entry),
      },
    });
    return entry;
  });
}

export async function updateEntry(
  ctx: ReceptionContext,
  id: number,
  input: EntryFields & { version: number },
) {
  const { entry } = await loadEntry(ctx, id, 'handle');
  assertNotFuture(ctx, input);
  if (Number(input.receivedOn.slice(0, 4)) !== entry.year)
    throw fieldError(
      'receivedOn',
      msg(
        `Dòng này được đánh số trong sổ năm ${entry.year}: ngày tiếp phải thuộc năm đó.`,
        `This line is numbered in the ${entry.year} register: the day must be in that year.`,
      ),
    );
  const { version, ...fields } = input;
  const clocks = await clocksOf(ctx.db, fields);
  return mutate(ctx, async (tx, audit) => {
    const saved = await writeVersioned(tx, {
      table: receptionEntries,
      where: eq(receptionEntries.id, id),
      version,
      set: { ...fields, ...clocks, search: searchOf(entry.number, fields) },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    await audit({
      action: 'reception.entry.update',
      entityType: 'reception_entry',
      entityId: id,
      unitId: entry.unitId,
      before: followUp(entry),
      after: {
        year: entry.year,
        number: entry.number,
        kind: saved.kind,
        peopleCount: saved.peopleCount,
        representatives: saved.representatives.length,
        ...followUp(saved),
      },
    });
    return saved;
  });
}

export async function markNoticed(
  ctx: ReceptionContext,
  id: number,
  input: { version: number; noticedOn: string },
) {
  const { entry } = await loadEntry(ctx, id, 'handle');
  if (input.noticedOn > todayOf(ctx) || input.noticedOn < entry.receivedOn)
    throw fieldError(
      'noticedOn',
      msg(
        'Ngày thông báo phải từ ngày tiếp đến hôm nay.',
        'The day told must be between the day received and today.',
      ),
    );
  return mutate(ctx, async (tx, audit) => {
    const saved = await writeVersioned(tx, {
      table: receptionEntries,
      where: eq(receptionEntries.id, id),
      version: input.version,
      set: { noticedOn: input.noticedOn },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    await audit({
      action: 'reception.entry.noticed',
      entityType: 'reception_entry',
      entityId: id,
      unitId: entry.unitId,
      after: { noticedOn: input.noticedOn, late: input.noticedOn > entry.noticeDueOn },
    });
    return saved;
  });
}

/**
 * Turns a line into a petition, complaint or denunciation through the staff intake (its checks, routing,
 * clock and notification), in the same transaction as the link: the item exists only if the line points
 * at it. The commune concerned is the register's own unit when it is a commune, else the one given.
 */
export async function turnIntoPetition(
  ctx: ReceptionContext,
  id: number,
  input: z.output<typeof petitionSchema>,
) {
  const row = await loadEntry(ctx, id, 'handle');
  const { entry } = row;
  if (entry.feedbackId !== null)
    throw new AppError(
      'CONFLICT',
      msg('Dòng này đã được chuyển thành đơn.', 'This line has already been turned into a petition.'),
    );
  const communeCode = input.communeCode ?? (row.unitType === 'commune' ? row.unitCode : null);
  if (!communeCode)
    throw fieldError(
      'communeCode',
      msg('Hãy chọn xã, phường liên quan.', 'Choose the commune or ward concerned.'),
    );
  const kind = ENTRY_KINDS[entry.kind as EntryKind].feedbackKind;
  return mutate(ctx, async (tx, audit) => {
    // The intake runs inside this transaction (a savepoint): the item and the link commit together.
    const item = await enterByStaff(
      { ...ctx, db: tx as unknown as Db },
      {
        kind,
        categoryCode: input.categoryCode,
        communeCode,
        lat: null,
        lng: null,
        text: [entry.content, entry.request].filter(Boolean).join('\n'),
        placeText: null,
        citizenName: entry.citizenName,
        publishName: false,
        contactPhone: null,
        contactEmail: null,
        contactAddress: entry.address,
        keepLocation: false,
        channel: 'in_person',
        signed: input.signed,
        mixed: false,
        receivedOn: entry.receivedOn,
      },
    );
    const saved: Entry = await writeVersioned(tx, {
      table: receptionEntries,
      where: eq(receptionEntries.id, id),
      version: input.version,
      set: { feedbackId: item.id },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    await audit({
      action: 'reception.entry.petition',
      entityType: 'reception_entry',
      entityId: id,
      unitId: entry.unitId,
      after: { feedbackId: item.id, code: item.code, kind },
    });
    return {
      entry: saved,
      feedback: { id: item.id, code: item.code, status: item.status, dueOn: item.dueOn },
    };
  });
}
