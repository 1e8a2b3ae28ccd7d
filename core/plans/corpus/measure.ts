/**
 * How the importer fares on the corpus, per failure class: the share of the clean parse's tasks that
 * keep their dimension, the tasks lost and the spurious ones, and for each particular of the document
 * whether it is read right, left empty and flagged (with the right candidate offered or not), or read
 * WRONG — a value given as sure that is not, the kind a person saves without noticing.
 */
import { formatDateVi } from '../../text/dates.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { parsePlan } from '../parse-plan.ts';
import type { ParsedPlan, PlanDocument, PlanTarget, PlanTask } from '../types.ts';
import type { CorpusEntry } from './corpus.ts';

export const FIELDS = ['number', 'issuedOn', 'issuer', 'signer', 'title'] as const;
export type Field = (typeof FIELDS)[number];

export interface FieldCounts {
  correct: number;
  /** Left empty and flagged (unsure or missing): the person fills it in. */
  empty: number;
  /** Of the empty ones, those whose offered candidate is the right value. */
  candidate: number;
  /** A value given as sure that differs from the clean reading: the kind a person saves unnoticed. */
  wrong: number;
  /** Left empty with no flag saying why (should never happen). */
  unflagged: number;
}

export interface WrongValue {
  id: string;
  field: Field;
  clean: string | null;
  read: string | null;
}

export interface ClassMeasurement {
  failureClass: string;
  documents: number;
  /** Tasks of the clean parses. */
  cleanTasks: number;
  /** Clean tasks whose counterpart has the same dimension. */
  sameDimension: number;
  /** Clean tasks whose counterpart has the same lead units (folded). */
  sameLead: number;
  /** Clean tasks whose counterpart has the same deadline. */
  sameDue: number;
  /** Clean tasks with no counterpart. */
  missing: number;
  /** Tasks of the degraded parses with no counterpart. */
  spurious: number;
  /** Targets of the degraded parses that the clean parse does not have (same text and value). */
  spuriousTargets: number;
  fields: Record<Field, FieldCounts>;
}

export interface Measurement {
  classes: ClassMeasurement[];
  wrong: WrongValue[];
}

const leadKey = (task: PlanTask) => task.lead.map(foldVietnamese).join(';');
const textKey = (text: string) => foldVietnamese(text).replace(/[^a-z0-9]/g, '');
// Diacritics and spacing do not make a value wrong: "881/QD-UBND" is the "881/QĐ-UBND" a reader types.
const valueKey = (value: string | null) => (value ? foldVietnamese(value).replace(/[^a-z0-9/]/g, '') : '');

/**
 * Each clean task's counterpart among the degraded ones: the same text (folded), else the same ref,
 * else the task at the same position — each degraded task used once.
 */
export function pairTasks(clean: PlanTask[], degraded: PlanTask[]): Array<PlanTask | null> {
  const used = new Set<number>();
  const pairs: Array<PlanTask | null> = clean.map(() => null);
  const take = (index: number, at: number) => {
    used.add(at);
    pairs[index] = degraded[at] ?? null;
  };
  const passes: Array<(task: PlanTask, index: number, candidate: PlanTask, at: number) => boolean> = [
    (task, _, candidate) => textKey(task.text) === textKey(candidate.text),
    (task, _, candidate) => foldVietnamese(task.ref) === foldVietnamese(candidate.ref),
    (_, index, __, at) => index === at,
  ];
  for (const pass of passes) {
    clean.forEach((task, index) => {
      if (pairs[index]) return;
      const at = degraded.findIndex(
        (candidate, position) => !used.has(position) && pass(task, index, candidate, position),
      );
      if (at !== -1) take(index, at);
    });
  }
  return pairs;
}

function verdict(clean: string | null, read: string | null): 'correct' | 'empty' | 'wrong' {
  if (valueKey(clean) === valueKey(read)) return 'correct';
  return read ? 'wrong' : 'empty';
}

// A candidate is offered as the person would type it: a date as dd/mm/yyyy.
const candidateKey = (field: Field, value: string | null) =>
  valueKey(field === 'issuedOn' && value ? formatDateVi(value) : value);

const emptyCounts = (): Record<Field, FieldCounts> =>
  Object.fromEntries(
    FIELDS.map((field) => [field, { correct: 0, empty: 0, candidate: 0, wrong: 0, unflagged: 0 }]),
  ) as Record<Field, FieldCounts>;

// A target is the same when it asks the same thing (OCR may damage the words around it).
const targetKey = (target: PlanTarget) => `${target.op} ${target.value} ${textKey(target.unit)}`;

/** Targets read that the reference has not: matched by what they ask, each reference target used once. */
export function unmatchedTargets(reference: PlanTarget[], read: PlanTarget[]): number {
  const left = new Map<string, number>();
  for (const target of reference) left.set(targetKey(target), (left.get(targetKey(target)) ?? 0) + 1);
  let unmatched = 0;
  for (const target of read) {
    const count = left.get(targetKey(target)) ?? 0;
    if (count > 0) left.set(targetKey(target), count - 1);
    else unmatched += 1;
  }
  return unmatched;
}

/** The corpus parsed and compared with its references, class by class in corpus order. */
export function measureCorpus(
  entries: CorpusEntry[],
  parse: (text: string) => ParsedPlan = parsePlan,
): Measurement {
  const classes = new Map<string, ClassMeasurement>();
  const wrong: WrongValue[] = [];
  for (const entry of entries) {
    const row = classes.get(entry.failureClass) ?? {
      failureClass: entry.failureClass,
      documents: 0,
      cleanTasks: 0,
      sameDimension: 0,
      sameLead: 0,
      sameDue: 0,
      missing: 0,
      spurious: 0,
      spuriousTargets: 0,
      fields: emptyCounts(),
    };
    classes.set(entry.failureClass, row);
    const plan = parse(entry.text);
    const pairs = pairTasks(entry.reference.tasks, plan.tasks);
    row.documents += 1;
    row.cleanTasks += pairs.length;
    pairs.forEach((pair, index) => {
      const task = entry.reference.tasks[index];
      if (!pair || !task) {
        row.missing += 1;
        return;
      }
      if (pair.dimension === task.dimension) row.sameDimension += 1;
      if (leadKey(pair) === leadKey(task)) row.sameLead += 1;
      if (pair.due === task.due) row.sameDue += 1;
    });
    row.spurious += plan.tasks.length - pairs.filter(Boolean).length;
    row.spuriousTargets += unmatchedTargets(entry.reference.targets, plan.targets);
    for (const field of FIELDS) {
      const clean = entry.reference.document[field as keyof PlanDocument];
      const read = plan.document[field as keyof PlanDocument];
      const kind = verdict(clean, read);
      const counts = row.fields[field];
      counts[kind] += 1;
      const flag = plan.documentConfidence?.[field];
      if (kind === 'empty' && clean !== null) {
        if (!flag || flag.level === 'sure') counts.unflagged += 1;
        else if (flag.candidate && candidateKey(field, clean) === valueKey(flag.candidate))
          counts.candidate += 1;
      }
      if (kind === 'wrong') wrong.push({ id: entry.id, field, clean, read });
    }
  }
  return { classes: [...classes.values()], wrong };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1).replace('.', ',')}%`;

/** The measurement as a Markdown table, then the wrong values (at most `wrongShown`). */
export function formatMeasurement(measurement: Measurement, wrongShown = 30): string {
  const head = [
    'class',
    'docs',
    'same dimension',
    'same lead',
    'same deadline',
    'missing',
    'spurious',
    'spurious targets',
    ...FIELDS.map((f) => `${f} ok/flagged(cand)/WRONG`),
  ];
  const rows = measurement.classes.map((row) => [
    row.failureClass,
    String(row.documents),
    `${percent(row.sameDimension, row.cleanTasks)} (${row.sameDimension}/${row.cleanTasks})`,
    `${percent(row.sameLead, row.cleanTasks)} (${row.sameLead}/${row.cleanTasks})`,
    `${percent(row.sameDue, row.cleanTasks)} (${row.sameDue}/${row.cleanTasks})`,
    String(row.missing),
    String(row.spurious),
    String(row.spuriousTargets),
    ...FIELDS.map((field) => {
      const counts = row.fields[field];
      const silent = counts.unflagged > 0 ? ` !${counts.unflagged} unflagged` : '';
      return `${counts.correct}/${counts.empty}(${counts.candidate})/${counts.wrong}${silent}`;
    }),
  ]);
  const widths = head.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const table = [line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
  const wrong = measurement.wrong
    .slice(0, wrongShown)
    .map(
      (value) =>
        `- ${value.id} ${value.field}: ${JSON.stringify(value.clean)} → ${JSON.stringify(value.read)}`,
    );
  return [
    ...table,
    '',
    `WRONG values (${measurement.wrong.length}${measurement.wrong.length > wrongShown ? `, first ${wrongShown}` : ''}):`,
    ...wrong,
  ].join('\n');
}
