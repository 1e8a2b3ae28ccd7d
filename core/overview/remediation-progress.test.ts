import { describe, expect, it } from 'vitest';
import { type RemediationPlan, remediationProgress, type WeakSummary } from './remediation-progress.ts';

const weak: WeakSummary = {
  round: { id: 1, name: 'Đánh giá cấp xã năm 2025', year: 2025 },
  unitsWeak: [10, 11, 12],
  criteria: [
    { code: 'XA.1.1', nameVi: 'Ban hành kế hoạch', unitIds: [10, 11, 12] },
    { code: 'XA.2.1', nameVi: 'Tuyên truyền', unitIds: [11] },
  ],
  national: {
    year: 2024,
    province: 'Hưng Yên',
    dimensions: [{ code: 'PAPI.7', nameVi: 'Quản trị môi trường', nameEn: 'Environmental governance' }],
  },
};
const task = (
  remedies: string,
  status: RemediationPlan['tasks'][number]['status'],
  progress: number,
  due: string | null,
) => ({
  remedies,
  status,
  progress,
  due,
});

describe('remediationProgress', () => {
  it('counts units answering with a task, tasks done and overdue, and the mean progress (done as 100, cancelled left out)', () => {
    const plans: RemediationPlan[] = [
      {
        id: 1,
        unitId: 10,
        tasks: [task('XA.1.1', 'done', 30, '2026-01-31'), task('PAPI.7', 'in_progress', 20, '2026-12-31')],
      },
      {
        id: 2,
        unitId: 11,
        tasks: [task('XA.1.1', 'in_progress', 50, '2026-02-28'), task('XA.2.1', 'cancelled', 0, null)],
      },
      // A unit that lost nothing here answers no criterion of it, yet its PAPI task counts.
      {
        id: 3,
        unitId: 99,
        tasks: [task('XA.2.1', 'not_started', 0, '2026-01-01'), task('PAPI.7', 'done', 0, null)],
      },
    ];
    const result = remediationProgress(weak, plans, '2026-03-10');
    expect([result.unitsWeak, result.plansIssued, result.unitsAnswering]).toEqual([3, 3, 2]);
    expect(result.criteria).toEqual([
      {
        code: 'XA.1.1',
        nameVi: 'Ban hành kế hoạch',
        units: 3,
        unitsWithTask: 2,
        tasks: 2,
        done: 1,
        overdue: 1,
        meanProgress: 75,
      },
      // Unit 11's task was cancelled; unit 99's is overdue but unit 99 did not lose points on it.
      {
        code: 'XA.2.1',
        nameVi: 'Tuyên truyền',
        units: 1,
        unitsWithTask: 0,
        tasks: 1,
        done: 0,
        overdue: 1,
        meanProgress: 0,
      },
    ]);
    expect(result.national?.dimensions).toEqual([
      {
        code: 'PAPI.7',
        nameVi: 'Quản trị môi trường',
        nameEn: 'Environmental governance',
        unitsWithTask: 2,
        tasks: 2,
        done: 1,
        overdue: 0,
        meanProgress: 60,
      },
    ]);
  });

  it('has no mean progress without a task', () => {
    const result = remediationProgress(weak, [], '2026-03-10');
    expect(result.criteria[0]).toMatchObject({
      tasks: 0,
      done: 0,
      overdue: 0,
      meanProgress: null,
      unitsWithTask: 0,
    });
    expect(result.unitsAnswering).toBe(0);
  });
});
