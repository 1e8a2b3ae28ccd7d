import { and, asc, eq, exists, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { planCategories } from '../../core/feedback/categories.ts';
import { CLOCK_RULES, type ClockRule, type ProvinceClockSettings } from '../../core/feedback/clock-rules.ts';
import {
  clockSettingsSchema,
  type RoutingTable,
  type SaveCategories,
} from '../../core/feedback/feedback-schemas.ts';
import { FEEDBACK_KINDS } from '../../core/feedback/kinds.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { feedbackCategories, feedbackItems, feedbackRoutes, settings, units } from '../db/schema/index.ts';
import { readSetting, type SettingsContext, settingVersion, writeSetting } from '../db/settings.ts';
import { writeVersioned } from '../db/versioned.ts';

/**
 * The province's feedback settings, installation-wide, read and changed only with feedback.manage on
 * the root of the tree: its list of categories (`feedback_categories`) and the routing table
 * (`feedback_routes`: category × commune → the unit that must answer, with a default line), each saved
 * whole at the version read (kept in `settings` under its key, so a stale save is a 409 like every
 * setting's), and the numbers of the clocks the law leaves to the province, a setting of their own.
 */
const CATEGORIES_KEY = 'feedback_categories';
const ROUTING_KEY = 'feedback_routing';
const CLOCK_KEY = 'feedback_clock';

export async function readClockSettings(db: DbOrTx): Promise<ProvinceClockSettings> {
  const saved = await readSetting(db, CLOCK_KEY, clockSettingsSchema, { days: {} });
  return saved.days as ProvinceClockSettings;
}

function assertManages(ctx: SettingsContext) {
  if (!hasInstallationPermission(ctx.user.grants, 'feedback.manage'))
    throw new AppError('INSTALLATION_WIDE_ONLY');
}

/**
 * The unit that must answer an item of this category about this commune: the most specific line
 * (category and commune, then commune, then category, then the default line), else the commune itself.
 */
export async function routeOf(db: DbOrTx, categoryCode: string, unitId: number): Promise<number> {
  const r = feedbackRoutes;
  const [line] = await db
    .select({ handlingUnitId: r.handlingUnitId })
    .from(r)
    .where(
      and(
        or(eq(r.categoryCode, categoryCode), isNull(r.categoryCode)),
        or(eq(r.unitId, unitId), isNull(r.unitId)),
      ),
    )
    .orderBy(sql`${r.unitId} is null`, sql`${r.categoryCode} is null`)
    .limit(1);
  return line?.handlingUnitId ?? unitId;
}

const handling = alias(units, 'handling');

async function routingLines(db: DbOrTx) {
  return db
    .select({
      categoryCode: feedbackRoutes.categoryCode,
      unitId: feedbackRoutes.unitId,
      handlingUnitId: feedbackRoutes.handlingUnitId,
      unitName: units.name,
      handlingUnitName: handling.name,
    })
    .from(feedbackRoutes)
    .leftJoin(units, eq(units.id, feedbackRoutes.unitId))
    .innerJoin(handling, eq(handling.id, feedbackRoutes.handlingUnitId))
    .orderBy(asc(feedbackRoutes.id));
}

export async function routingForm(ctx: SettingsContext) {
  assertManages(ctx);
  return {
    rules: await routingLines(ctx.db),
    categories: await ctx.db.select().from(feedbackCategories).orderBy(asc(feedbackCategories.position)),
    version: await settingVersion(ctx.db, ROUTING_KEY),
  };
}

export async function saveRouting(ctx: SettingsContext, input: RoutingTable & { version: number }) {
  assertManages(ctx);
  const categories = new Set(
    (await ctx.db.select({ code: feedbackCategories.code }).from(feedbackCategories)).map((row) => row.code),
  );
  const ids = [...new Set(input.rules.flatMap((rule) => [rule.unitId, rule.handlingUnitId]))].filter(
    (id): id is number => id !== null,
  );
  const known = new Map(
    ids.length === 0
      ? []
      : (
          await ctx.db
            .select({ id: units.id, validTo: units.validTo })
            .from(units)
            .where(inArray(units.id, ids))
        ).map((row) => [row.id, row.validTo]),
  );
  const seen = new Set<string>();
  input.rules.forEach((rule, index) => {
    if (rule.categoryCode !== null && !categories.has(rule.categoryCode))
      throw fieldError(`rules.${index}.categoryCode`, msg('Không có lĩnh vực này.', 'No such category.'));
    for (const field of ['unitId', 'handlingUnitId'] as const) {
      const id = rule[field];
      if (id !== null && (!known.has(id) || known.get(id) !== null))
        throw fieldError(
          `rules.${index}.${field}`,
          msg('Đơn vị không có hoặc đã thôi hoạt động.', 'The unit does not exist or is closed.'),
        );
    }
    const key = `${rule.categoryCode}|${rule.unitId}`;
    if (seen.has(key))
      throw fieldError(
        `rules.${index}`,
        msg(
          'Dòng này trùng lĩnh vực và xã với một dòng trước.',
          'This line repeats the category and commune of an earlier one.',
        ),
      );
    seen.add(key);
  });
  const before = (await routingLines(ctx.db)).map(({ categoryCode, unitId, handlingUnitId }) => ({
    categoryCode,
    unitId,
    handlingUnitId,
  }));
  await mutate(ctx, async (tx, audit) => {
    // The table is saved whole, over the version read; its version lives with the other settings'.
    const value = JSON.stringify({ lines: input.rules.length });
    await writeVersioned(tx, {
      table: settings,
      where: eq(settings.key, ROUTING_KEY),
      version: input.version,
      set: { value },
      insert: { key: ROUTING_KEY, value },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    await tx.delete(feedbackRoutes);
    if (input.rules.length > 0) await tx.insert(feedbackRoutes).values(input.rules);
    await audit({
      action: `settings.${ROUTING_KEY}`,
      entityType: 'settings',
      entityId: ROUTING_KEY,
      before,
      after: input.rules,
    });
  });
  return routingForm(ctx);
}

/**
 * Every category, active and retired, in the form's order, and whether an item or a routing line uses
 * it (then it may be retired, never deleted): one indexed probe per category, whatever the items' number.
 */
async function categoryList(db: DbOrTx) {
  const c = feedbackCategories;
  const rows = await db.select().from(c).orderBy(asc(c.position), asc(c.code));
  const probe = (table: typeof feedbackItems | typeof feedbackRoutes) =>
    exists(db.select({ one: sql`1` }).from(table).where(eq(table.categoryCode, c.code)));
  const inUse = await db
    .select({ code: c.code })
    .from(c)
    .where(or(probe(feedbackItems), probe(feedbackRoutes)));
  const used = new Set(inUse.map((row) => row.code));
  return rows.map((row) => ({ ...row, used: used.has(row.code) }));
}

export async function categoriesForm(ctx: SettingsContext) {
  assertManages(ctx);
  return {
    categories: await categoryList(ctx.db),
    version: await settingVersion(ctx.db, CATEGORIES_KEY),
  };
}

/**
 * Saves the list whole over the version read: renames, the order, retired and restored categories,
 * new ones (their code made from the Vietnamese name), and deletes the unused ones left out. A stale
 * version is a 409 carrying the list as it is now. Answers the list with the codes given to new lines.
 */
export async function saveCategories(ctx: SettingsContext, input: SaveCategories) {
  assertManages(ctx);
  const created = await mutate(ctx, async (tx, audit) => {
    const before = await categoryList(tx);
    const count = JSON.stringify({ categories: input.categories.length });
    // The version first: a stale save is a 409 whatever it holds.
    await writeVersioned(tx, {
      table: settings,
      where: eq(settings.key, CATEGORIES_KEY),
      version: input.version,
      set: { value: count },
      insert: { key: CATEGORIES_KEY, value: count },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
      present: () => ({ categories: before }),
    });
    const plan = planCategories(input.categories, before);
    if (plan.deleted.length > 0)
      await tx.delete(feedbackCategories).where(inArray(feedbackCategories.code, plan.deleted));
    const inserted = new Set(plan.inserted);
    const fresh = plan.rows.filter((row) => inserted.has(row.code));
    if (fresh.length > 0) await tx.insert(feedbackCategories).values(fresh);
    for (const row of plan.rows) {
      if (inserted.has(row.code)) continue;
      const { code, ...rest } = row;
      await tx.update(feedbackCategories).set(rest).where(eq(feedbackCategories.code, code));
    }
    await audit({
      action: `settings.${CATEGORIES_KEY}`,
      entityType: 'settings',
      entityId: CATEGORIES_KEY,
      before: before.map(({ used: _used, ...row }) => row),
      after: plan.rows,
    });
    return plan.created;
  });
  return { ...(await categoriesForm(ctx)), created };
}

/** The rules a province may set a number for: not the law's own numbers. */
const settable = (rule: ClockRule) => rule.source !== 'law';
const keysOf = (rule: ClockRule) => rule.kinds.map((kind) => `${kind}.${rule.step}`);

export async function clockSettingsForm(ctx: SettingsContext) {
  assertManages(ctx);
  const days = await readClockSettings(ctx.db);
  return {
    rules: CLOCK_RULES.filter(settable).flatMap((rule) =>
      rule.kinds.map((kind) => {
        const key = `${kind}.${rule.step}` as keyof ProvinceClockSettings;
        return {
          key,
          kind,
          kindName: { vi: FEEDBACK_KINDS[kind].vi, en: FEEDBACK_KINDS[kind].en },
          step: rule.step,
          unit: rule.unit,
          from: rule.from,
          to: rule.to,
          basis: rule.basis,
          source: rule.source,
          defaultDays: rule.days,
          days: days[key] ?? null,
        };
      }),
    ),
    version: await settingVersion(ctx.db, CLOCK_KEY),
  };
}

export async function saveClockSettings(
  ctx: SettingsContext,
  input: { days: Record<string, number>; version: number },
) {
  assertManages(ctx);
  const allowed = new Set(CLOCK_RULES.filter(settable).flatMap(keysOf));
  for (const key of Object.keys(input.days))
    if (!allowed.has(key))
      throw fieldError(
        `days.${key}`,
        msg(
          'Thời hạn này do luật quy định, tỉnh không đặt được.',
          'This time limit is set by law; the province cannot set it.',
        ),
      );
  const before = { days: await readClockSettings(ctx.db) };
  await writeSetting(ctx, CLOCK_KEY, before, { days: input.days }, input.version, 'feedback.manage');
  return clockSettingsForm(ctx);
}
