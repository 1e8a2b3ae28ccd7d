import { describe, expect, it } from 'vitest';
import { answerState, isAnswer } from './answers.ts';

describe('a unit’s answer to a request for its plan', () => {
  const due = '2026-03-15';
  it('is no answer while a draft, whatever the day', () => {
    expect(isAnswer({ issuedAt: null })).toBe(false);
    expect(answerState({ issuedAt: null }, due, '2026-03-10')).toBe('pending');
    expect(answerState({ issuedAt: null }, due, '2026-03-16')).toBe('missing');
    expect(answerState(null, null, '2030-01-01')).toBe('pending');
  });

  it('is on time when issued on the deadline in Vietnam, late the day after', () => {
    // 23:30 on 15/03 in Vietnam is 16:30 UTC the same day.
    expect(answerState({ issuedAt: '2026-03-15T16:30:00.000Z' }, due, '2026-04-01')).toBe('submitted');
    // 00:30 on 16/03 in Vietnam is still 15/03 in UTC.
    expect(answerState({ issuedAt: new Date('2026-03-15T17:30:00.000Z') }, due, '2026-04-01')).toBe('late');
    expect(answerState({ issuedAt: '2026-03-20T02:00:00.000Z' }, null, '2026-04-01')).toBe('submitted');
  });
});
