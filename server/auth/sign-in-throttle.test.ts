import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/engine.ts';
import { signInThrottles } from '../db/schema/index.ts';
import { openTestDatabase } from '../test/harness.ts';
import {
  clearAttempts,
  countAttempt,
  deleteExpiredThrottles,
  releaseAttempt,
  type ThrottleRule,
} from './sign-in-throttle.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const MINUTE = 60_000;
const RULE: ThrottleRule = { max: 3, windowMs: 10 * MINUTE, lockMs: 15 * MINUTE };
const T0 = new Date('2026-03-02T08:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
let keySequence = 0;
const freshKey = () => {
  keySequence += 1;
  return `test:${process.pid}:${keySequence}`;
};

describe('countAttempt', () => {
  it('numbers attempts in the window; the one reaching the maximum locks the key for lockMs', async () => {
    const key = freshKey();
    expect(await countAttempt(database.db, key, RULE, T0)).toEqual({ attempts: 1, lockedUntil: null });
    expect(await countAttempt(database.db, key, RULE, later(1))).toEqual({ attempts: 2, lockedUntil: null });
    expect(await countAttempt(database.db, key, RULE, later(2))).toEqual({
      attempts: 3,
      lockedUntil: later(17),
    });
    // While locked, attempts go on being numbered (and refused by the caller); the lock does not move.
    expect(await countAttempt(database.db, key, RULE, later(16))).toEqual({
      attempts: 4,
      lockedUntil: later(17),
    });
    // Once the lock has run out, counting starts again.
    expect(await countAttempt(database.db, key, RULE, later(17.5))).toEqual({
      attempts: 1,
      lockedUntil: null,
    });
  });

  it('starts again when the window has passed without reaching the maximum', async () => {
    const key = freshKey();
    await countAttempt(database.db, key, RULE, T0);
    await countAttempt(database.db, key, RULE, later(9));
    expect(await countAttempt(database.db, key, RULE, later(10))).toEqual({ attempts: 1, lockedUntil: null });
  });

  it('numbers concurrent attempts one by one', async () => {
    const key = freshKey();
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () => countAttempt(database.db, key, RULE, T0)),
    );
    expect(attempts.map((attempt) => attempt.attempts).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });
});

describe('releaseAttempt and clearAttempts', () => {
  it('a released attempt is given back, lifting the lock it set', async () => {
    const key = freshKey();
    for (let i = 0; i < RULE.max; i += 1) await countAttempt(database.db, key, RULE, T0);
    await releaseAttempt(database.db, key, RULE);
    expect(await countAttempt(database.db, key, RULE, later(1))).toEqual({
      attempts: 3,
      lockedUntil: later(16),
    });
  });

  it('a cleared key starts from nothing', async () => {
    const key = freshKey();
    for (let i = 0; i < RULE.max; i += 1) await countAttempt(database.db, key, RULE, T0);
    await clearAttempts(database.db, key);
    expect(await countAttempt(database.db, key, RULE, later(1))).toEqual({ attempts: 1, lockedUntil: null });
  });
});

describe('deleteExpiredThrottles', () => {
  it('removes keys whose window and lock have both run out, and keeps the others', async () => {
    const [stale, locked, recent] = [freshKey(), freshKey(), freshKey()];
    await database.db.insert(signInThrottles).values([
      { key: stale, attempts: 2, windowStartedAt: later(-60), lockedUntil: null },
      { key: locked, attempts: 9, windowStartedAt: later(-60), lockedUntil: later(5) },
      { key: recent, attempts: 1, windowStartedAt: later(-1), lockedUntil: null },
    ]);
    await deleteExpiredThrottles(database.db, T0);
    const left = (await database.db.select().from(signInThrottles)).map((row) => row.key);
    expect([stale, locked, recent].filter((key) => left.includes(key))).toEqual([locked, recent]);
  });
});
