import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

// A notification is written in both languages; the reader sees the one the page is shown in (the web
// app sends it with every request), else the account's own.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a notification in the reader’s language', () => {
  it('a returned report reads in English on an English page, in Vietnamese otherwise', async () => {
    // Every reporter of the unit is told: this one too.
    const reporter = await signInAs(t, 'unit_reporter', '33.STP');
    const report = await buildReport(t, { unitCode: '33.STP', periodCode: '2026Q1', submit: true });
    const coordinator = await signInAs(t, 'coordinator', '33');
    const returned = await coordinator.request('POST', `/api/reports/${report.id}/transitions`, {
      action: 'return',
      reason: 'Thiếu số liệu quý',
      version: report.version,
    });
    expect(returned.status).toBe(200);
    const list = async (locale?: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/notifications',
          headers: { cookie: reporter.cookie, ...(locale && { 'x-chiso-locale': locale }) },
        })
      ).json().items as { title: string; body: string | null }[];
    expect((await list('en'))[0]).toMatchObject({
      title: 'The report of Sở Tư pháp for Q1 2026 was returned: Thiếu số liệu quý',
      body: 'Thiếu số liệu quý',
    });
    const vietnamese = { title: 'Báo cáo quý I/2026 của Sở Tư pháp bị trả lại: Thiếu số liệu quý' };
    expect((await list('vi'))[0]).toMatchObject(vietnamese);
    expect((await list())[0]).toMatchObject(vietnamese);
    // An unknown language is not taken: the account's own.
    expect((await list('fr'))[0]).toMatchObject(vietnamese);
  });
});
