import { and, asc, desc, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { BoardQuery, DialogueListQuery } from '../../core/dialogues/dialogue-schemas.ts';
import {
  type CommitmentState,
  commitmentState,
  type DialogueKind,
  dutyForYear,
  dutyMet,
} from '../../core/dialogues/kinds.ts';
import { parseSort } from '../../core/list.ts';
import type { ItemStatus } from '../../core/plans/plan-views.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { todayOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import {
  auditEvents,
  dialogueCommitments,
  dialogueQuestions,
  dialogues,
  planItems,
  units,
} from '../db/schema/index.ts';
import { assertReadsUnitFeedback } from '../feedback/feedback-access.ts';
import {
  assertReadsDialogue,
  assertRecordsDialogue,
  canRecordDialogue,
  type DialogueContext,
} from './dialogue-access.ts';

/**
 * The staff's reading of dialogues: a unit's list (search without diacritics, sort, pages by the one
 * list contract), one dialogue with its questions in order and its commitments as their tasks stand
 * (state in words, the day the task was marked done), and the coordinator's board of communes by the
 * yearly duty, those without a conference first.
 */
const lead = alias(units, 'lead');

export interface CommitmentView {
  id: number;
  text: string;
  questionId: number | null;
  leadUnitId: number;
  leadUnitName: string;
  dueOn: string;
  planId: number | null;
  planItemId: number | null;
  taskStatus: ItemStatus | null;
  progress: number;
  state: CommitmentState;
  /** The day the task was last marked done (Vietnam time), when it is done. */
  doneOn: string | null;
}

export interface QuestionView {
  id: number;
  position: number;
  question: string;
  askedBy: string | null;
  answer: string | null;
  answeredBy: string | null;
}

export async function questionsOf(db: DbOrTx, dialogueId: number): Promise<QuestionView[]> {
  return db
    .select({
      id: dialogueQuestions.id,
      position: dialogueQuestions.position,
      question: dialogueQuestions.question,
      askedBy: dialogueQuestions.askedBy,
      answer: dialogueQuestions.answer,
      answeredBy: dialogueQuestions.answeredBy,
    })
    .from(dialogueQuestions)
    .where(eq(dialogueQuestions.dialogueId, dialogueId))
    .orderBy(asc(dialogueQuestions.position), asc(dialogueQuestions.id));
}

export async function commitmentsOf(
  db: DbOrTx,
  dialogueId: number,
  planId: number | null,
  today: string,
): Promise<CommitmentView[]> {
  const rows = await db
    .select({
      commitment: dialogueCommitments,
      leadUnitName: lead.name,
      status: planItems.status,
      progress: planItems.progress,
      due: planItems.due,
    })
    .from(dialogueCommitments)
    .innerJoin(lead, eq(lead.id, dialogueCommitments.leadUnitId))
    .leftJoin(planItems, eq(planItems.id, dialogueCommitments.planItemId))
    .where(eq(dialogueCommitments.dialogueId, dialogueId))
    .orderBy(asc(dialogueCommitments.id));
  const done = rows.filter((row) => row.status === 'done' && row.commitment.planItemId !== null);
  const doneAt = new Map<string, Date>();
  if (done.length > 0) {
    const marked = await db
      .select({
        entityId: auditEvents.entityId,
        at: sql<Date>`max(${auditEvents.at})`.mapWith((v) => new Date(v)),
      })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, 'plan_item'),
          inArray(
            auditEvents.entityId,
            done.map((row) => String(row.commitment.planItemId)),
          ),
          sql`${auditEvents.after}->>'status' = 'done'`,
        ),
      )
      .groupBy(auditEvents.entityId);
    for (const row of marked) if (row.entityId) doneAt.set(row.entityId, row.at);
  }
  return rows.map(({ commitment, leadUnitName, status, progress, due }) => {
    const taskStatus = (status ?? null) as ItemStatus | null;
    const at = doneAt.get(String(commitment.planItemId));
    return {
      id: commitment.id,
      text: commitment.text,
      questionId: commitment.questionId,
      leadUnitId: commitment.leadUnitId,
      leadUnitName,
      // The task's deadline is the one in force (the plan's author may move it); the recorded one else.
      dueOn: due ?? commitment.dueOn,
      planId,
      planItemId: commitment.planItemId,
      taskStatus,
      progress: progress ?? 0,
      state: commitmentState({ status: taskStatus ?? 'not_started', due: due ?? commitment.dueOn }, today),
      doneOn: taskStatus === 'done' && at ? todayInVietnam(at) : null,
    };
  });
}

export type DialogueDetail = Awaited<ReturnType<typeof dialogueDetail>>;

/** One dialogue as the staff read it, with what the user may do. */
export async function dialogueDetail(ctx: DialogueContext, id: number) {
  const { dialogue, unitName, unitPath } = await assertReadsDialogue(ctx, id);
  const today = todayOf(ctx);
  return {
    id: dialogue.id,
    unitId: dialogue.unitId,
    unitName,
    kind: dialogue.kind as DialogueKind,
    heldOn: dialogue.heldOn,
    topic: dialogue.topic,
    location: dialogue.location,
    chairedBy: dialogue.chairedBy,
    participants: dialogue.participants,
    participantCount: dialogue.participantCount,
    summary: dialogue.summary,
    planId: dialogue.planId,
    publishedAt: dialogue.publishedAt?.toISOString() ?? null,
    version: dialogue.version,
    updatedAt: dialogue.updatedAt.toISOString(),
    canRecord: canRecordDialogue(ctx.user, unitPath),
    questions: await questionsOf(ctx.db, dialogue.id),
    commitments: await commitmentsOf(ctx.db, dialogue.id, dialogue.planId, today),
  };
}

const SORTS: Record<string, SQL> = {
  heldOn: sql`${dialogues.heldOn}`,
  topic: sql`${dialogues.topic} collate vi`,
};

/** The dialogues of the units the user reads (or of `unitId` and below), by the one list contract. */
export async function listDialogues(ctx: DialogueContext, query: DialogueListQuery) {
  const conditions: SQL[] = [scopeCondition(unitScope(ctx.user.grants, 'feedback.read', units.path))];
  if (query.unitId !== undefined) {
    const unit = await assertReadsUnitFeedback(ctx, query.unitId);
    conditions.push(like(units.path, `${unit.path}%`));
  }
  if (query.year !== undefined)
    conditions.push(sql`${dialogues.heldOn} between ${`${query.year}-01-01`} and ${`${query.year}-12-31`}`);
  if (query.kind) conditions.push(eq(dialogues.kind, query.kind));
  if (query.q) conditions.push(like(dialogues.search, searchPattern(query.q)));
  const where = and(...conditions);
  const { field, direction } = parseSort(query.sort);
  const column = SORTS[field] ?? (SORTS.heldOn as SQL);
  const questions =
    sql<number>`(select count(*) from dialogue_questions q where q.dialogue_id = ${dialogues.id})`.mapWith(
      Number,
    );
  const commitments =
    sql<number>`(select count(*) from dialogue_commitments c where c.dialogue_id = ${dialogues.id})`.mapWith(
      Number,
    );
  const rows = await ctx.db
    .select({
      dialogue: dialogues,
      unitName: units.name,
      questions,
      commitments,
      total: totalOver(),
    })
    .from(dialogues)
    .innerJoin(units, eq(units.id, dialogues.unitId))
    .where(where)
    .orderBy(direction === 'asc' ? asc(column) : desc(column), desc(dialogues.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db
      .select({ n: countRows() })
      .from(dialogues)
      .innerJoin(units, eq(units.id, dialogues.unitId))
      .where(where),
  );
  return {
    items: rows.map(({ dialogue, unitName, questions, commitments }) => ({
      id: dialogue.id,
      unitId: dialogue.unitId,
      unitName,
      kind: dialogue.kind as DialogueKind,
      heldOn: dialogue.heldOn,
      topic: dialogue.topic,
      published: dialogue.publishedAt !== null,
      questions,
      commitments,
    })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

/**
 * For a year, every commune in force (on the year's last day, or today within the current year) in
 * the user's scope, with its number of annual conferences and of dialogues of every kind recorded that
 * year; sorted by conferences, those with none come first ("Chưa tổ chức đối thoại").
 */
export async function dialogueBoard(ctx: DialogueContext, query: BoardQuery) {
  const today = todayOf(ctx);
  const yearEnd = `${query.year}-12-31`;
  const on = today < yearEnd ? today : yearEnd;
  const from = `${query.year}-01-01`;
  const duty = dutyForYear(query.year);
  const dutyKind = duty?.kind ?? 'annual_conference';
  const conferences =
    sql<number>`count(${dialogues.id}) filter (where ${dialogues.kind} = ${dutyKind})`.mapWith(Number);
  const all = sql<number>`count(${dialogues.id})`.mapWith(Number);
  const conditions: SQL[] = [
    scopeCondition(unitScope(ctx.user.grants, 'feedback.read', units.path)),
    eq(units.type, 'commune'),
    sql`${units.validFrom} <= ${on}`,
    sql`(${units.validTo} is null or ${units.validTo} >= ${on})`,
  ];
  if (query.q) conditions.push(like(units.nameSearch, searchPattern(query.q)));
  const having = query.missing ? sql`${conferences} < ${duty?.perYear ?? 1}` : undefined;
  const { field, direction } = parseSort(query.sort);
  const column = field === 'name' ? sql`${units.name} collate vi` : field === 'dialogues' ? all : conferences;
  const rows = await ctx.db
    .select({
      unitId: units.id,
      name: units.name,
      conferences,
      dialogues: all,
      lastHeldOn: sql<string | null>`max(${dialogues.heldOn}) filter (where ${dialogues.kind} = ${dutyKind})`,
      total: totalOver(),
    })
    .from(units)
    .leftJoin(
      dialogues,
      and(eq(dialogues.unitId, units.id), sql`${dialogues.heldOn} between ${from} and ${yearEnd}`),
    )
    .where(and(...conditions))
    .groupBy(units.id)
    .having(having)
    .orderBy(
      direction === 'asc' ? sql`${column} asc` : sql`${column} desc`,
      sql`${units.name} collate vi`,
      asc(units.id),
    )
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, async () => {
    const counted = await ctx.db.execute(
      sql`select count(*)::int as n from (${ctx.db
        .select({ id: units.id })
        .from(units)
        .leftJoin(
          dialogues,
          and(eq(dialogues.unitId, units.id), sql`${dialogues.heldOn} between ${from} and ${yearEnd}`),
        )
        .where(and(...conditions))
        .groupBy(units.id)
        .having(having)}) c`,
    );
    return [{ n: Number((counted.rows[0] as { n: number } | undefined)?.n ?? 0) }];
  });
  return {
    year: query.year,
    duty: duty && { kind: duty.kind, perYear: duty.perYear, basis: duty.basis },
    items: rows.map(({ total: _total, ...row }) => ({ ...row, dutyMet: dutyMet(row.conferences, duty) })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

/**
 * The units a commitment of the dialogue may be given to (`mayLeadCommitment`): the dialogue's unit and
 * its own units, and the provincial bodies (the province, its departments), in force; searched by name
 * without diacritics, by the one list contract.
 */
export async function leadUnitChoices(
  ctx: DialogueContext,
  id: number,
  query: { page: number; perPage: number; q?: string | undefined },
) {
  const { unitPath } = await assertRecordsDialogue(ctx, id);
  const conditions: SQL[] = [
    sql`${units.validTo} is null`,
    sql`(${like(units.path, `${unitPath}%`)} or ${units.type} in ('province', 'department'))`,
  ];
  if (query.q) conditions.push(like(units.nameSearch, searchPattern(query.q)));
  const where = and(...conditions);
  const rows = await ctx.db
    .select({ id: units.id, name: units.name, type: units.type, total: totalOver() })
    .from(units)
    .where(where)
    // The dialogue's own units first, then the provincial bodies, each by name.
    .orderBy(sql`${units.path} like ${`${unitPath}%`} desc`, sql`${units.name} collate vi`, asc(units.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db.select({ n: countRows() }).from(units).where(where),
  );
  return {
    items: rows.map(({ total: _total, ...row }) => row),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}
