import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { CHANGE_CHANNEL, topicsVersion } from '../db/read-cache.ts';
import type { TestApp } from './harness.ts';

/**
 * A public page served through `sendPublic`: public for a minute, the same weak ETag on a second
 * request, and a 304 with no body to a reader who already has it. Returns the first answer.
 */
export async function expectCachedPage(t: TestApp, url: string) {
  const first = await t.app.inject({ method: 'GET', url });
  expect(first.statusCode).toBe(200);
  expect(first.headers['cache-control']).toBe('public, max-age=60');
  const etag = String(first.headers.etag);
  expect(etag).toMatch(/^W\/"[\w-]{27}"$/);
  const second = await t.app.inject({ method: 'GET', url });
  expect([second.statusCode, second.headers.etag, second.body]).toEqual([200, etag, first.body]);
  const held = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
  expect([held.statusCode, held.body]).toEqual([304, '']);
  return first;
}

/**
 * On PostgreSQL, this process also hears its own changes back through NOTIFY, a moment after they
 * committed: a test that asserts what a cache KEEPS first waits until every change it made was heard.
 * Notifications arrive in commit order, so it sends a narrow one of its own (surveys, which no page
 * reads) and waits for it. PGlite hears nothing back: nothing to wait for.
 */
export async function allChangesHeard(t: TestApp) {
  if (t.database.kind !== 'postgresql') return;
  // The surveys' own count: a broad change heard meanwhile moves the other part of the version.
  const surveys = () => topicsVersion(['surveys']).split('.')[1];
  const before = surveys();
  await t.database.pool.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, 'surveys']);
  for (let attempt = 0; surveys() === before; attempt++) {
    if (attempt === 500) throw new Error('the change notification never came back');
    await sleep(10);
  }
}
