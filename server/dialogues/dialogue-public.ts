import { and, asc, desc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { PublicDialogueQuery } from '../../core/dialogues/dialogue-schemas.ts';
import type { DialogueKind } from '../../core/dialogues/kinds.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { dialogues, units } from '../db/schema/index.ts';
import { commitmentsOf, questionsOf } from './dialogue-queries.ts';

/**
 * The public record of dialogues: published ones only, never a draft. What shows: the unit, kind, date,
 * place, topic and summary; the questions (not who asked: a resident's name is not published) with the
 * answers and who answered; the commitments with their lead unit, deadline and state ("Đã thực hiện"
 * with the day the task was done). Not the participants' list nor the staff's notes.
 */
const published = isNotNull(dialogues.publishedAt);

/** The units and years the public list can be filtered by: those with a published dialogue. */
export async function publicChoices(db: DbOrTx) {
  const unitRows = await db
    .selectDistinct({ id: units.id, name: units.name })
    .from(dialogues)
    .innerJoin(units, eq(units.id, dialogues.unitId))
    .where(published);
  const yearRows = await db
    .selectDistinct({ year: sql<number>`extract(year from ${dialogues.heldOn})::int`.mapWith(Number) })
    .from(dialogues)
    .where(published);
  return {
    units: unitRows.sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    years: yearRows.map((row) => row.year).sort((a, b) => b - a),
  };
}

export async function publicDialogues(db: DbOrTx, query: PublicDialogueQuery) {
  const conditions: SQL[] = [published];
  if (query.unitId !== undefined) conditions.push(eq(dialogues.unitId, query.unitId));
  if (query.year !== undefined)
    conditions.push(sql`${dialogues.heldOn} between ${`${query.year}-01-01`} and ${`${query.year}-12-31`}`);
  const where = and(...conditions);
  const order = query.sort === 'heldOn' ? asc(dialogues.heldOn) : desc(dialogues.heldOn);
  const rows = await db
    .select({
      id: dialogues.id,
      kind: dialogues.kind,
      heldOn: dialogues.heldOn,
      topic: dialogues.topic,
      unitName: units.name,
      commitments:
        sql<number>`(select count(*) from dialogue_commitments c where c.dialogue_id = ${dialogues.id})`.mapWith(
          Number,
        ),
      total: totalOver(),
    })
    .from(dialogues)
    .innerJoin(units, eq(units.id, dialogues.unitId))
    .where(where)
    .orderBy(order, desc(dialogues.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    db.select({ n: countRows() }).from(dialogues).where(where),
  );
  return {
    items: rows.map(({ total: _total, kind, ...row }) => ({ ...row, kind: kind as DialogueKind })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

/** A published dialogue as the public reads it; null when there is none or it is not published. */
export async function publicDialogue(db: DbOrTx, id: number, today: string) {
  const [row] = await db
    .select({ dialogue: dialogues, unitName: units.name })
    .from(dialogues)
    .innerJoin(units, eq(units.id, dialogues.unitId))
    .where(and(eq(dialogues.id, id), published));
  if (!row) return null;
  const { dialogue, unitName } = row;
  return {
    id: dialogue.id,
    unitName,
    kind: dialogue.kind as DialogueKind,
    heldOn: dialogue.heldOn,
    topic: dialogue.topic,
    location: dialogue.location,
    chairedBy: dialogue.chairedBy,
    participantCount: dialogue.participantCount,
    summary: dialogue.summary,
    questions: (await questionsOf(db, dialogue.id)).map(({ askedBy: _askedBy, ...question }) => question),
    commitments: (await commitmentsOf(db, dialogue.id, dialogue.planId, today)).map((commitment) => ({
      id: commitment.id,
      text: commitment.text,
      questionId: commitment.questionId,
      leadUnitName: commitment.leadUnitName,
      dueOn: commitment.dueOn,
      state: commitment.state,
      doneOn: commitment.doneOn,
    })),
  };
}
