import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../core/frameworks/framework.ts';
import { COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

const DEMO: Framework = JSON.parse(
  readFileSync(new URL('../../reference/demo/framework-communes.json', import.meta.url), 'utf8'),
);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const frameworkCount = async () =>
  (await t.database.pool.query('select count(*)::int as n from frameworks')).rows[0].n as number;

describe('frameworks are installation-wide', () => {
  it('a coordinator granted on one commune cannot create, import or edit one, the national PAR INDEX template included', async () => {
    const communeCoordinator = await signInAs(t, 'coordinator', COMMUNE_A);
    const before = await frameworkCount();
    const created = await communeCoordinator.request('POST', '/api/frameworks', {
      ...structuredClone(DEMO),
      code: 'XA_RIENG',
    });
    expect(created.status).toBe(403);
    expect(created.json.error.code).toBe('INSTALLATION_WIDE_ONLY');

    const csv = Buffer.from('Mã tiêu chí,Tên tiêu chí,Điểm tối đa\nA,Lĩnh vực,100\nA.1,Tiêu chí,100\n');
    const imported = await communeCoordinator.upload(
      '/api/frameworks/import?code=XA_NHAP&nameVi=X&fromYear=2027',
      'khung.csv',
      csv,
    );
    expect(imported.status).toBe(403);
    expect(await frameworkCount()).toBe(before);

    const list = (await communeCoordinator.request('GET', '/api/frameworks')).json;
    const par = list.find((framework: { code: string }) => framework.code === 'PAR_INDEX');
    const { json: current } = await communeCoordinator.request('GET', `/api/frameworks/${par.id}`);
    const definition = structuredClone(current.definition) as Framework;
    for (const area of definition.criteria) area.maxPoints = 12.5;
    definition.status = 'confirmed';
    const edited = await communeCoordinator.request('PUT', `/api/frameworks/${par.id}`, {
      definition,
      version: current.version,
    });
    expect(edited.status).toBe(403);
    const { json: after } = await communeCoordinator.request('GET', `/api/frameworks/${par.id}`);
    expect(after.version).toBe(current.version);
    expect(after.definition.status).toBe('unconfirmed');
  });

  it('the province’s coordinator creates one', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const created = await coordinator.request('POST', '/api/frameworks', {
      ...structuredClone(DEMO),
      code: 'HY_TINH',
    });
    expect(created.status).toBe(201);
    expect(created.json.definition.code).toBe('HY_TINH');
  });
});
