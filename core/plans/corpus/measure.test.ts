import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parse-plan.ts';
import type { ParsedPlan } from '../types.ts';
import { buildCorpus } from './corpus.ts';
import { formatMeasurement, measureCorpus, pairTasks } from './measure.ts';

const text = readFileSync(new URL('../fixtures/hung-yen-papi-2020.txt', import.meta.url), 'utf8');
const clean = buildCorpus([{ name: 'hung-yen-papi-2020.txt', text }]).filter(
  (entry) => entry.failureClass === 'clean',
);

describe('measureCorpus', () => {
  it('finds the clean text read exactly as its reference', () => {
    const [row] = measureCorpus(clean).classes;
    expect(row).toMatchObject({
      failureClass: 'clean',
      documents: 1,
      cleanTasks: 64,
      sameDimension: 64,
      sameLead: 64,
      sameDue: 64,
    });
    expect(row?.fields.number).toEqual({ correct: 1, empty: 0, candidate: 0, wrong: 0, unflagged: 0 });
  });

  it('counts a different value as WRONG, a missing one as empty, lost and spurious tasks apart', () => {
    const reference = parsePlan(text);
    const [first, second, ...rest] = reference.tasks;
    if (!first || !second) throw new Error('the seed has tasks');
    const damaged = (): ParsedPlan => ({
      ...reference,
      document: {
        ...reference.document,
        number: '06/CT-CTUBND',
        signer: null,
        issuer: 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN',
        title: null,
      },
      documentConfidence: reference.documentConfidence && {
        ...reference.documentConfidence,
        title: {
          level: 'unsure',
          reason: { vi: 'OCR', en: 'OCR' },
          candidate: reference.document.title ?? '',
        },
      },
      // The first task lost, the second reworded (kept by its ref) with another dimension, one extra.
      tasks: [
        { ...second, text: 'khác hẳn', dimension: 'PAPI.8' },
        ...rest,
        { ...first, ref: 'IX.1', text: 'thêm' },
      ],
    });
    const measured = measureCorpus(clean, damaged);
    const [row] = measured.classes;
    expect(row).toMatchObject({
      cleanTasks: 64,
      sameDimension: 62,
      sameLead: 63,
      sameDue: 63,
      missing: 1,
      spurious: 1,
    });
    expect(row?.fields).toMatchObject({
      number: { correct: 0, empty: 0, candidate: 0, wrong: 1, unflagged: 0 },
      // Emptied while its confidence still says "sure": an empty field nobody is told about.
      signer: { correct: 0, empty: 1, candidate: 0, wrong: 0, unflagged: 1 },
      issuer: { correct: 1, empty: 0, candidate: 0, wrong: 0, unflagged: 0 },
      title: { correct: 0, empty: 1, candidate: 1, wrong: 0, unflagged: 0 },
    });
    expect(measured.wrong).toEqual([
      { id: 'hung-yen-papi-2020/clean/1', field: 'number', clean: '29/KH-UBND', read: '06/CT-CTUBND' },
    ]);
    expect(formatMeasurement(measured)).toContain(
      '- hung-yen-papi-2020/clean/1 number: "29/KH-UBND" → "06/CT-CTUBND"',
    );
  });

  it('pairs tasks by folded text, then by ref, then by position', () => {
    const task = (ref: string, taskText: string) => ({
      ref,
      text: taskText,
      index: null,
      dimension: null,
      lead: [],
      support: [],
      due: null,
      recurrence: null,
    });
    const cleanTasks = [task('1', 'Tăng cường'), task('2', 'Công khai'), task('3', 'Rà soát')];
    const degraded = [task('8', 'khác'), task('2', 'Cong kbai'), task('9', 'Ra soat')];
    expect(pairTasks(cleanTasks, degraded).map((pair) => pair?.text ?? null)).toEqual([
      'khác',
      'Cong kbai',
      'Ra soat',
    ]);
    // The same position taken by a text match: the first task has no counterpart.
    const shifted = [task('9', 'Ra soat'), task('2', 'Cong kbai'), task('8', 'khác')];
    expect(pairTasks(cleanTasks, shifted).map((pair) => pair?.text ?? null)).toEqual([
      null,
      'Cong kbai',
      'Ra soat',
    ]);
    expect(pairTasks(cleanTasks, []).every((pair) => pair === null)).toBe(true);
  });
});
