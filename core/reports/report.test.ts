import { describe, expect, it } from 'vitest';
import { canTransition, completeness, isEditable, isSent, REPORT_ACTIONS, timeliness } from './report.ts';

describe('the report workflow', () => {
  it('allows each action only from its statuses', () => {
    expect(canTransition('draft', 'submit')).toBe(true);
    expect(canTransition('returned', 'submit')).toBe(true);
    expect(canTransition('submitted', 'submit')).toBe(false);
    expect(canTransition('submitted', 'return')).toBe(true);
    expect(canTransition('draft', 'accept')).toBe(false);
    expect(canTransition('accepted', 'lock')).toBe(true);
    expect(canTransition('locked', 'reopen')).toBe(true);
    expect(canTransition('draft', 'reopen')).toBe(false);
    expect(REPORT_ACTIONS.return.needsReason && REPORT_ACTIONS.reopen.needsReason).toBe(true);
  });
  it('puts "trình thủ trưởng" between the reporter and the head: presented, then sent or handed back', () => {
    expect(canTransition('draft', 'present')).toBe(true);
    expect(canTransition('returned', 'present')).toBe(true);
    expect(canTransition('presented', 'present')).toBe(false);
    expect(canTransition('presented', 'submit')).toBe(true);
    expect(canTransition('presented', 'sendBack')).toBe(true);
    expect(canTransition('draft', 'sendBack')).toBe(false);
    expect(canTransition('presented', 'return')).toBe(false);
    expect(canTransition('presented', 'accept')).toBe(false);
    expect(REPORT_ACTIONS.present).toMatchObject({ to: 'presented', permission: 'reports.write' });
    expect(REPORT_ACTIONS.sendBack).toMatchObject({
      to: 'returned',
      permission: 'reports.submit',
      needsReason: true,
    });
    expect(isEditable('presented')).toBe(false);
  });
  it('lets the unit edit only what it holds', () => {
    expect(['draft', 'returned'].every((status) => isEditable(status as 'draft'))).toBe(true);
    expect(['submitted', 'accepted', 'locked'].some((status) => isEditable(status as 'draft'))).toBe(false);
  });
});

describe('completeness', () => {
  it('counts on time, late, missing and pending, per unit type and in all', () => {
    const due = '2026-03-20';
    const entries = [
      { unitId: 1, unitType: 'department', submittedOn: '2026-03-19' },
      { unitId: 2, unitType: 'department', submittedOn: '2026-03-21' },
      { unitId: 3, unitType: 'commune', submittedOn: null },
      { unitId: 4, unitType: 'commune', submittedOn: '2026-03-20' },
    ];
    expect(timeliness('2026-03-20', due)).toBe('on_time');
    const after = completeness(entries, due, '2026-03-25');
    expect(after.total).toEqual({ expected: 4, submitted: 3, onTime: 2, late: 1, missing: 1, pending: 0 });
    expect(after.byType.commune).toEqual({
      expected: 2,
      submitted: 1,
      onTime: 1,
      late: 0,
      missing: 1,
      pending: 0,
    });
    expect(completeness(entries, due, '2026-03-10').total).toMatchObject({ missing: 0, pending: 1 });
  });
});

describe('a returned report', () => {
  it('is not counted as sent: it is missing after the due date and pending before it', () => {
    const due = '2026-03-20';
    const entries = [
      { unitId: 1, unitType: 'department', submittedOn: '2026-03-18', status: 'returned' },
      { unitId: 2, unitType: 'department', submittedOn: '2026-03-18', status: 'accepted' },
      { unitId: 3, unitType: 'commune', submittedOn: '2026-03-22', status: 'submitted' },
    ];
    expect(completeness(entries, due, '2026-03-25').total).toEqual({
      expected: 3,
      submitted: 2,
      onTime: 1,
      late: 1,
      missing: 1,
      pending: 0,
    });
    expect(completeness(entries, due, '2026-03-19').total.pending).toBe(1);
    expect(isSent('returned')).toBe(false);
    expect(isSent('draft')).toBe(false);
    expect(['submitted', 'accepted', 'locked'].every(isSent)).toBe(true);
  });
});
