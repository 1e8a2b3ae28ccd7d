import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCsv, parseCsv, type TableSchema } from '../../core/open-data/table-schema.ts';
import { buildPlan, signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-12-04T03:00:00Z') });
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

interface PackageResource {
  name: string;
  path: string;
  schema: TableSchema;
}

async function dataPackage(): Promise<{
  name: string;
  licenses: { name: string }[];
  resources: PackageResource[];
}> {
  const answer = await get('/du-lieu-mo/datapackage.json');
  expect(answer.statusCode).toBe(200);
  expect(answer.headers['access-control-allow-origin']).toBe('*');
  return answer.json();
}

describe('open data', () => {
  it('describes every table in a Frictionless data package, and every CSV follows its own schema', async () => {
    const described = await dataPackage();
    expect(described.name).toBe('chiso-33');
    expect(described.licenses[0]?.name).toBe('CC-BY-4.0');
    const names = described.resources.map((resource) => resource.name);
    expect(names).toEqual([
      'papi-2018',
      'papi-2019',
      'papi-2020',
      'papi-2021',
      'papi-2022',
      'papi-2023',
      'papi-2024',
      'thong-tin-cong-khai',
      'cong-trinh-dan-gop',
      'lien-he',
    ]);
    for (const resource of described.resources) {
      expect(resource.path).toBe(`http://localhost:3000/du-lieu-mo/${resource.name}.csv`);
      const csv = await get(`/du-lieu-mo/${resource.name}.csv`);
      expect(csv.statusCode, resource.name).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(checkCsv(resource.schema, csv.body), resource.name).toEqual([]);
      const json = (await get(`/du-lieu-mo/${resource.name}.json`)).json() as Record<string, unknown>[];
      expect(json).toHaveLength(parseCsv(csv.body).length - 1);
      if (json.length > 0)
        expect(Object.keys(json[0] ?? {})).toEqual(resource.schema.fields.map((field) => field.name));
    }
  });

  it('gives PAPI 2024 as published: Hưng Yên and Thái Bình, both in today’s Hưng Yên', async () => {
    const rows = parseCsv((await get('/du-lieu-mo/papi-2024.csv')).body);
    expect(rows).toHaveLength(64);
    expect(rows.find((row) => row[1] === '33')).toEqual([
      '2024',
      '33',
      'Hưng Yên',
      '33',
      '5.452038',
      '5.516222',
      '4.369144',
      '7.195939',
      '7.309698',
      '7.549845',
      '3.584682',
      '3.426675',
      '44.404242',
      '19',
      '2',
    ]);
    expect(rows.find((row) => row[1] === '34')?.slice(2, 4)).toEqual(['Thái Bình', '33']);
    expect(rows.find((row) => row[1] === '34')?.slice(12)).toEqual(['44.737911', '15', '1']);
  });

  it('lists a plan only while it is public, and answers a reader that has the file with 304', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await buildPlan(t, { author: coordinator, tasks: 3 });
    expect((await get(`/du-lieu-mo/ke-hoach-${plan.id}.csv`)).statusCode).toBe(404);
    const published = await coordinator.request('PUT', `/api/plans/${plan.id}/publication`, {
      published: true,
      version: plan.version,
    });
    expect(published.status).toBe(200);
    const resource = (await dataPackage()).resources.find((each) => each.name === `ke-hoach-${plan.id}`);
    if (!resource) throw new Error('the published plan is in the package');
    const csv = await get(`/du-lieu-mo/ke-hoach-${plan.id}.csv`);
    expect(checkCsv(resource.schema, csv.body)).toEqual([]);
    expect(
      parseCsv(csv.body)
        .slice(1)
        .map((row) => row.slice(0, 3)),
    ).toEqual([
      ['1', 'task', 'Nhiệm vụ 1'],
      ['2', 'task', 'Nhiệm vụ 2'],
      ['3', 'task', 'Nhiệm vụ 3'],
    ]);
    const again = await get(`/du-lieu-mo/ke-hoach-${plan.id}.csv`, {
      'if-none-match': String(csv.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    const compressed = await get(`/du-lieu-mo/papi-2024.csv`, { 'accept-encoding': 'gzip' });
    expect(compressed.headers['content-encoding']).toBe('gzip');

    await coordinator.request('PUT', `/api/plans/${plan.id}/publication`, {
      published: false,
      version: published.json.version,
    });
    expect((await get(`/du-lieu-mo/ke-hoach-${plan.id}.csv`)).statusCode).toBe(404);
    expect((await dataPackage()).resources.map((each) => each.name)).not.toContain(`ke-hoach-${plan.id}`);
  });

  it('lists the catalogue in the site, each table with its two files', async () => {
    const page = await get('/du-lieu-mo');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/du-lieu-mo/papi-2024.csv" download>CSV</a>');
    expect(page.body).toContain('<a href="/du-lieu-mo/datapackage.json">');
    expect((await get('/du-lieu-mo/khong-co.csv')).statusCode).toBe(404);
  });
});
