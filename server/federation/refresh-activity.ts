import { sql } from 'drizzle-orm';
import { DEFAULT_REGIME } from '../../core/periods/periods.ts';
import { isScored, optionsOf, type SurveyDefinition, satisfiedValues } from '../../core/surveys/survey.ts';
import type { Tx } from '../db/engine.ts';
import { FED_TABLES, type SyncCount, syncTable } from './refresh-sync.ts';

/**
 * What citizens brought and how it went: dossiers (from the roll-up table, never the raw dossiers),
 * petitions and satisfaction surveys, counted per unit and quarter. Nothing of a person: no name,
 * contact, text or answer leaves, only counts.
 */

/** `dossier_rollups` as it is, the unit by its key. */
export function syncDossierRollups(tx: Tx, provinceCode: string): Promise<SyncCount> {
  return syncTable(
    tx,
    FED_TABLES.dossierRollups,
    provinceCode,
    sql`select ${provinceCode}::text as province_code, k.unit_key, r.field, r.period_code, r.received,
        r.received_online, r.received_online_full, r.received_digitised, r.finished, r.finished_on_time,
        r.finished_early, r.finished_late, r.late_apologised
      from dossier_rollups r join fed_unit_keys k on k.id = r.unit_id`,
  );
}

/** The reporting quarter of a date column, as the roll-ups count it (after the cut-off day, the next month's). */
export const quarterOfDate = (column: string) =>
  sql.raw(
    `to_char(${column} + case when extract(day from ${column}) > ${DEFAULT_REGIME.cutoffDay} then interval '1 month' else interval '0 days' end, 'YYYY"Q"Q')`,
  );

/**
 * Petitions (complaints and denunciations have procedures of their own) by the unit handling them and
 * the quarter they arrived in, as the feedback figures tally them on `today` (core/feedback/kpi.ts):
 * spam, duplicates and those not in the province's competence are outside every figure; closed =
 * answered (an answer reopened is not); closed on time = answered by the deadline; open and overdue =
 * unanswered past the deadline.
 */
export function syncFeedbackRollups(tx: Tx, provinceCode: string, today: string): Promise<SyncCount> {
  return syncTable(
    tx,
    FED_TABLES.feedbackRollups,
    provinceCode,
    sql`select ${provinceCode}::text as province_code, k.unit_key, f.period_code, count(*)::int as received,
        count(*) filter (where f.answered)::int as closed,
        count(*) filter (where f.answered and f.answered_on <= f.due_on)::int as closed_on_time,
        count(*) filter (where not f.answered)::int as open,
        count(*) filter (where not f.answered and f.due_on < ${today}::date)::int as open_overdue
      from (
        select handling_unit_id, ${quarterOfDate('received_on')} as period_code, due_on, answered_on,
          (answered_on is not null and status in ('answered', 'closed')) as answered
        from feedback_items
        where procedure = 'petition' and (outcome is null or outcome not in ('spam', 'duplicate', 'not_competent'))
      ) f join fed_unit_keys k on k.id = f.handling_unit_id
      group by k.unit_key, f.period_code`,
  );
}

/** One scored question of a survey version, as the results score it (core/surveys/results.ts `answerScore`). */
interface ScoredQuestion {
  surveyId: number;
  code: string;
  /** Index "share": the values that count as satisfied; "mean": null (the place on the scale counts). */
  satisfied: readonly number[] | null;
  min: number;
  max: number;
}

/**
 * The questions every survey version is scored by: those of the newest published revision of its code
 * that fills an indicator (as `surveyFiguresByUnit` does), applied to all the code's versions.
 */
async function scoredQuestions(tx: Tx): Promise<ScoredQuestion[]> {
  const { rows } = await tx.execute<{
    id: number;
    code: string;
    revision: number;
    status: string;
    definition: SurveyDefinition;
  }>(sql`select id, code, revision, status, definition from surveys`);
  const newest = new Map<string, SurveyDefinition>();
  const revisionOf = new Map<string, number>();
  for (const row of rows)
    if (
      row.status === 'published' &&
      row.definition.indicatorCode &&
      (revisionOf.get(row.code) ?? 0) < row.revision
    ) {
      newest.set(row.code, row.definition);
      revisionOf.set(row.code, row.revision);
    }
  return rows.flatMap((row) => {
    const definition = newest.get(row.code);
    if (!definition) return [];
    return definition.questions.filter(isScored).map((question) => {
      const values = optionsOf(question).map((option) => option.value);
      return {
        surveyId: row.id,
        code: question.code,
        satisfied: definition.indexMethod === 'share' ? satisfiedValues(question) : null,
        min: values.length > 0 ? Math.min(...values) : 0,
        max: values.length > 0 ? Math.max(...values) : 0,
      };
    });
  });
}

/**
 * Survey responses that count (sent, not held out) by the unit surveyed and the calendar quarter of the
 * answer in Việt Nam (the surveys' periods), and of them those satisfied overall: more than half of
 * their scored answers satisfied (the sum of their answers' scores above half their number); and the
 * index's parts, the scores of all scored answers and their number.
 */
export async function syncSurveyRollups(tx: Tx, provinceCode: string): Promise<SyncCount> {
  const questions = await scoredQuestions(tx);
  const column = <T>(pick: (question: ScoredQuestion) => T) => sql.param(questions.map(pick));
  return syncTable(
    tx,
    FED_TABLES.surveyRollups,
    provinceCode,
    sql`with q (survey_id, code, satisfied, min, max) as (
        select * from unnest(${column((q) => q.surveyId)}::int[], ${column((q) => q.code)}::text[],
          ${column((q) => q.satisfied?.join(',') ?? null)}::text[], ${column((q) => q.min)}::float8[],
          ${column((q) => q.max)}::float8[])),
      scored as (
        select r.id, r.unit_id, to_char((r.answered_at at time zone 'UTC') + interval '7 hours', 'YYYY"Q"Q') as period_code,
          a.score, a.answers
        from survey_responses r cross join lateral (
          select coalesce(sum(case
                when q.satisfied is not null then (v.value = any(string_to_array(q.satisfied, ',')::float8[]))::int
                when q.max = q.min then 0
                else (v.value - q.min) / (q.max - q.min) end), 0)::float8 as score, count(*)::int as answers
            from q cross join lateral (select (r.answers -> q.code)::text::float8 as value) v
            where q.survey_id = r.survey_id and jsonb_typeof(r.answers -> q.code) = 'number') a
        where r.status = 'submitted' and r.excluded_reason is null
          and r.survey_id in (select survey_id from q))
      select ${provinceCode}::text as province_code, k.unit_key, s.period_code, count(*)::int as responses,
        count(*) filter (where 2 * s.score > s.answers)::int as satisfied,
        coalesce(sum(s.score), 0)::float8 as satisfied_score, coalesce(sum(s.answers), 0)::int as scored_answers
      from scored s join fed_unit_keys k on k.id = s.unit_id
      group by k.unit_key, s.period_code`,
  );
}
