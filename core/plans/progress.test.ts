import { describe, expect, it } from 'vitest';
import { blendedProgress, isOverdue, type ProgressItem, rollUpProgress } from './progress.ts';

const task = (id: number, parentId: number | null, progress: number, extra: Partial<ProgressItem> = {}) =>
  ({ id, parentId, kind: 'task', status: 'in_progress', progress, weight: 1, due: null, ...extra }) as const;
const section = (id: number, parentId: number | null, extra: Partial<ProgressItem> = {}) =>
  ({
    id,
    parentId,
    kind: 'section',
    status: 'not_started',
    progress: 0,
    weight: 1,
    due: null,
    ...extra,
  }) as const;

describe('rollUpProgress', () => {
  it('gives a section the weighted mean of its children, and the plan that of its top level', () => {
    const { byId, plan } = rollUpProgress([
      section(1, null),
      task(2, 1, 100, { status: 'done' }),
      task(3, 1, 0, { weight: 3 }),
      section(4, null),
      task(5, 4, 50),
    ]);
    expect(byId.get(1)).toBe(25);
    expect(byId.get(4)).toBe(50);
    expect(plan).toBe(37.5);
  });

  it('leaves cancelled items out', () => {
    const { byId, plan } = rollUpProgress([
      section(1, null),
      task(2, 1, 100, { status: 'done' }),
      task(3, 1, 0, { status: 'cancelled' }),
      section(4, null, { status: 'cancelled' }),
      task(5, 4, 0),
    ]);
    expect(byId.get(2)).toBe(100);
    expect(byId.get(1)).toBe(100);
    expect(plan).toBe(100);
  });

  it('nests: a sub-section counts as one child of its section', () => {
    const { byId } = rollUpProgress([
      section(1, null),
      section(2, 1),
      task(3, 2, 80),
      task(4, 2, 40),
      task(5, 1, 0),
    ]);
    expect(byId.get(2)).toBe(60);
    expect(byId.get(1)).toBe(30);
  });

  it('is 0 for an empty plan', () => {
    expect(rollUpProgress([]).plan).toBe(0);
  });
});

describe('isOverdue', () => {
  it('is a task not done or cancelled whose due date has passed', () => {
    expect(isOverdue({ kind: 'task', status: 'in_progress', due: '2026-01-31' }, '2026-02-01')).toBe(true);
    expect(isOverdue({ kind: 'task', status: 'in_progress', due: '2026-02-01' }, '2026-02-01')).toBe(false);
    expect(isOverdue({ kind: 'task', status: 'done', due: '2026-01-31' }, '2026-02-01')).toBe(false);
    expect(isOverdue({ kind: 'task', status: 'cancelled', due: '2026-01-31' }, '2026-02-01')).toBe(false);
    expect(isOverdue({ kind: 'section', status: 'not_started', due: '2026-01-31' }, '2026-02-01')).toBe(
      false,
    );
    expect(isOverdue({ kind: 'task', status: 'not_started', due: null }, '2026-02-01')).toBe(false);
  });
});

describe('blendedProgress', () => {
  it('mixes the lead’s report with the units’ implementations by the lead’s share', () => {
    expect(blendedProgress(80, 20, 50)).toBe(50);
    expect(blendedProgress(80, 20, 100)).toBe(80);
    expect(blendedProgress(80, 20, 0)).toBe(20);
    expect(blendedProgress(80, 20, 70)).toBe(62);
  });
  it('is the lead’s report when no unit carries the task out', () => {
    expect(blendedProgress(40, null, 30)).toBe(40);
  });
});
