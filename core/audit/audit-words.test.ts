import { describe, expect, it } from 'vitest';
import type { AuditNames } from './audit-event.ts';
import { auditActionChoices, describeAuditEvent, fieldWord, valueWords } from './audit-words.ts';

const names = (over: Partial<AuditNames> = {}): AuditNames => ({
  actor: 'Nguyễn Văn A',
  entity: null,
  unit: null,
  round: null,
  criterion: null,
  period: null,
  ...over,
});

describe('audit events in words', () => {
  it('a sign-in names the person, in either language', () => {
    const event = { action: 'auth.login', entityType: 'user', actorName: 'nguyenvana', names: names() };
    expect(describeAuditEvent(event, 'vi')).toBe('Nguyễn Văn A đã đăng nhập');
    expect(describeAuditEvent(event, 'en')).toBe('Nguyễn Văn A signed in');
  });

  it('evidence on a criterion names the criterion, the unit and the round', () => {
    const event = {
      action: 'evidence.add',
      entityType: 'round_score',
      actorName: 'a',
      names: names({ unit: 'Xã Tân Hưng', round: 'Đợt 2026', criterion: 'XA.1.2 Ban hành kế hoạch' }),
    };
    expect(describeAuditEvent(event, 'vi')).toBe(
      'Nguyễn Văn A đã đính kèm minh chứng cho tiêu chí “XA.1.2 Ban hành kế hoạch” của Xã Tân Hưng trong đợt đánh giá “Đợt 2026”',
    );
  });

  it('a step on citizens’ feedback names the item by its tracking code; a citizen is “not signed in”', () => {
    const event = {
      action: 'feedback.forward',
      entityType: 'feedback',
      actorName: 'a',
      names: names({ entity: 'PAKN-20261203-K7Q4M' }),
    };
    expect(describeAuditEvent(event, 'vi')).toBe(
      'Nguyễn Văn A đã chuyển phản ánh PAKN-20261203-K7Q4M sang đơn vị khác',
    );
    const citizen = {
      action: 'feedback.citizen_reopen',
      entityType: 'feedback',
      actorName: 'anonymous',
      names: names({ actor: null, entity: 'PAKN-20261203-K7Q4M' }),
    };
    expect(describeAuditEvent(citizen, 'en')).toBe(
      'Someone not signed in reopened the feedback PAKN-20261203-K7Q4M',
    );
  });

  it('a report names its period through the page’s own formatter', () => {
    const event = {
      action: 'report.return',
      entityType: 'report',
      actorName: 'a',
      names: names({ unit: 'Phường Phố Hiến', period: '2026Q1' }),
    };
    expect(describeAuditEvent(event, 'en', () => 'Q1 2026')).toBe(
      'Nguyễn Văn A returned the Q1 2026 report of Phường Phố Hiến',
    );
  });

  it('an unknown action still reads as words, never as its code', () => {
    const event = {
      action: 'thing.done_now',
      entityType: 'plan',
      actorName: null,
      names: names({ actor: null }),
    };
    expect(describeAuditEvent(event, 'vi')).toBe('Hệ thống đã thay đổi kế hoạch');
    const anonymous = { ...event, actorName: 'anonymous' };
    expect(describeAuditEvent(anonymous, 'en')).toBe('Someone not signed in changed plan');
  });

  it('fields and values read as on the forms', () => {
    expect(fieldWord('selfScore', 'vi')).toBe('Điểm tự đánh giá');
    expect(fieldWord('headPhone', 'en')).toBe('Head’s phone');
    expect(fieldWord('dueDate', 'en')).toBe('Due date');
    expect(valueWords(true, 'vi')).toBe('Có');
    expect(valueWords(null, 'en')).toBe('—');
    expect(valueWords(1234.5, 'vi')).toBe('1.234,5');
    expect(valueWords(1234.5, 'en')).toBe('1,234.5');
    expect(valueWords('2026-03-20', 'en')).toBe('20/03/2026');
    expect(valueWords({ isActive: false, role: 'coordinator' }, 'vi')).toBe(
      'Đang hoạt động: Không; Vai trò: Cán bộ điều phối (Sở Nội vụ)',
    );
    expect(valueWords('submitted', 'en', 'status')).toBe('Submitted');
  });

  it('offers every action to filter on by its words, none by its code', () => {
    const choices = auditActionChoices('vi');
    expect(choices.find((choice) => choice.value === 'auth.login')?.label).toBe('đăng nhập');
    expect(choices.every((choice) => !/[a-z]+[._][a-z]/.test(choice.label))).toBe(true);
  });
});
