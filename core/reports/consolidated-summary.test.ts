import { describe, expect, it } from 'vitest';
import {
  dimensionName,
  formatNumberVi,
  formatPercentVi,
  type SummaryTask,
  summariseTasks,
} from './consolidated-summary.ts';

const task = (ref: string, patch: Partial<SummaryTask>): SummaryTask => ({
  ref,
  text: `Nhiệm vụ ${ref}`,
  dimension: 'PAPI.5',
  status: 'not_started',
  progress: 0,
  due: null,
  ...patch,
});

describe('the summary of a plan’s tasks', () => {
  const tasks = [
    task('1', { status: 'done', progress: 100, due: '2026-06-30' }),
    task('2', { status: 'done', progress: 100, due: '2026-03-01' }),
    task('3', { status: 'in_progress', progress: 40, due: '2026-03-10' }),
    task('4', { status: 'in_progress', progress: 20, due: '2026-04-10' }),
    task('5', { status: 'not_started', due: null, dimension: 'PAPI.1' }),
    task('6', { status: 'cancelled', dimension: 'PAPI.1' }),
    task('7', { status: 'in_progress', progress: 80, due: '2026-04-01', dimension: null }),
  ];
  const summary = summariseTasks(tasks, { today: '2026-03-25', periodEnd: '2026-03-14' });

  it('counts each task once per dimension: late before in progress; cancelled left out', () => {
    expect(summary.rows).toEqual([
      {
        dimension: 'PAPI.1',
        name: dimensionName('PAPI.1'),
        done: 0,
        inProgress: 0,
        notStarted: 1,
        late: 0,
        total: 1,
      },
      {
        dimension: 'PAPI.5',
        name: dimensionName('PAPI.5'),
        done: 2,
        inProgress: 1,
        notStarted: 0,
        late: 1,
        total: 4,
      },
      { dimension: null, name: 'Nhiệm vụ khác', done: 0, inProgress: 1, notStarted: 0, late: 0, total: 1 },
    ]);
    expect(summary.total).toMatchObject({
      name: 'Tổng số',
      done: 2,
      inProgress: 2,
      notStarted: 1,
      late: 1,
      total: 6,
    });
  });

  it('names only what stands out: done ahead of time, late, at risk', () => {
    expect(summary.doneEarly.map((entry) => entry.ref)).toEqual(['1']);
    expect(summary.late.map((entry) => entry.ref)).toEqual(['3']);
    // Due within 30 days and under half done; task 7 is 80% done.
    expect(summary.atRisk.map((entry) => entry.ref)).toEqual(['4']);
  });
});

describe('periods and numbers as a person reads them', () => {
  it('writes numbers with a decimal comma and a thousands dot', () => {
    expect(formatNumberVi(1234.56)).toBe('1.234,6');
    expect(formatPercentVi(90.25)).toBe('90,3%');
    expect(formatPercentVi(90)).toBe('90%');
    expect(dimensionName('PAPI.5')).toBe('Thủ tục hành chính công');
  });
});
