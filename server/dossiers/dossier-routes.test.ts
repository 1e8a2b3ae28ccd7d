import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_FIELDS } from '../../core/dossiers/dossier-fields.ts';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from '../test/harness.ts';
import { dossierCsv, dossierRow, writtenCounts } from './dossier-fixtures.ts';

let test: TestApp;
let coordinator: Session;

beforeAll(async () => {
  test = await createTestApp();
  const user = await buildUser(test.database, [{ role: 'coordinator', unitCode: '33' }]);
  coordinator = await signIn(test.app, user.username, user.password);
});
afterAll(() => test.close());

/** A multipart request with the file and the optional text fields, as the web app sends it. */
async function upload(
  app: FastifyInstance,
  session: Session | null,
  fileName: string,
  content: string | Buffer,
  fields: Record<string, string> = {},
) {
  const boundary = '----chisodossiers';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const reply = await app.inject({
    method: 'POST',
    url: '/api/dossiers/imports',
    headers: {
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  return { status: reply.statusCode, json: reply.json() };
}

async function finishedJob(session: Session, jobId: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { json } = await session.request('GET', `/api/jobs/${jobId}`);
    if (json.status !== 'running') return json;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the import job did not finish');
}

describe('POST /api/dossiers/imports', () => {
  it('refuses without a session (401) and without the permission (403)', async () => {
    const csv = dossierCsv([dossierRow()]);
    expect((await upload(test.app, null, 'a.csv', csv)).status).toBe(401);
    const leader = await buildUser(test.database, [{ role: 'leader', unitCode: '33' }]);
    const session = await signIn(test.app, leader.username, leader.password);
    const refused = await upload(test.app, session, 'a.csv', csv);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect((await session.request('GET', '/api/dossier-mappings')).status).toBe(403);
  });

  it('imports in the background: 202 with the job, whose result is the summary', async () => {
    const rows = [
      dossierRow({ field: 'Route' }),
      dossierRow({ field: 'Route', procedureCode: 'R.1', procedureName: 'Thủ tục R' }),
    ];
    const started = await upload(test.app, coordinator, 'ho-so.csv', dossierCsv(rows));
    expect(started.status).toBe(202);
    const job = await finishedJob(coordinator, started.json.jobId);
    expect(job).toMatchObject({
      kind: 'dossier-import',
      status: 'done',
      params: { fileName: 'ho-so.csv', dryRun: false },
      files: [],
    });
    expect(job.result).toEqual({
      imported: 2,
      updated: 0,
      rejected: [],
      rejectedCount: 0,
      newProcedures: expect.arrayContaining([{ code: 'R.1', name: 'Thủ tục R', field: 'Route' }]),
      dryRun: false,
    });
    expect(job.total).toBeGreaterThan(0);
  });

  it('reports bad rows in the result and writes nothing; a dry run writes nothing either', async () => {
    const before = await writtenCounts(test.database);
    const bad = await upload(
      test.app,
      coordinator,
      'bad.csv',
      dossierCsv([dossierRow(), dossierRow({ receivedAt: '32/01/2026' })]),
    );
    const badJob = await finishedJob(coordinator, bad.json.jobId);
    expect(badJob.result).toMatchObject({
      imported: 0,
      rejectedCount: 1,
      rejected: [{ line: 3, column: 'receivedAt' }],
    });
    expect(badJob.files).toEqual([{ index: 0, fileName: 'loi-nhap-ho-so.csv' }]);
    const dry = await upload(test.app, coordinator, 'dry.csv', dossierCsv([dossierRow()]), {
      dryRun: 'true',
    });
    const dryJob = await finishedJob(coordinator, dry.json.jobId);
    expect(dryJob.result).toMatchObject({ imported: 1, updated: 0, rejectedCount: 0, dryRun: true });
    expect(await writtenCounts(test.database)).toEqual(before);
  });

  it('gives every refused row in a list to download, beyond the first thousand the result shows', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => dossierRow(i % 2 ? {} : { channel: 'fax' }));
    const job = await finishedJob(
      coordinator,
      (await upload(test.app, coordinator, 'many.csv', dossierCsv(rows))).json.jobId,
    );
    expect(job.result.rejectedCount).toBe(750);
    expect(job.result.rejected).toHaveLength(750);
    const many = Array.from({ length: 2400 }, () => dossierRow({ receivedAt: 'hôm qua' }));
    const big = await finishedJob(
      coordinator,
      (await upload(test.app, coordinator, 'big.csv', dossierCsv(many))).json.jobId,
    );
    expect(big.result.rejectedCount).toBe(2400);
    expect(big.result.rejected).toHaveLength(1000);
    const reply = await test.app.inject({
      method: 'GET',
      url: `/api/jobs/${big.id}/files/0`,
      headers: { cookie: coordinator.cookie },
    });
    expect(reply.statusCode).toBe(200);
    const lines = reply.rawPayload.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFFDòng,Cột,Lý do');
    expect(lines[1]).toMatch(/^2,receivedAt,"?""hôm qua"" không phải ngày giờ hợp lệ/);
    expect(lines.filter((line) => line !== '')).toHaveLength(2401);
    expect(lines[2400]).toMatch(/^2401,/);
    // Another coordinator's job: the list is not theirs to read.
    const colleague = await buildUser(test.database, [{ role: 'coordinator', unitCode: '33' }]);
    const other = await signIn(test.app, colleague.username, colleague.password);
    expect((await other.request('GET', `/api/jobs/${big.id}/files/0`)).status).toBe(404);
  });

  it('refuses an unknown format and a TCVN3 file at once (400)', async () => {
    const pdf = await upload(test.app, coordinator, 'ho-so.pdf', 'not a table');
    expect(pdf.status).toBe(400);
    expect(pdf.json.error.code).toBe('UNSUPPORTED_FILE');
    const tcvn3 = Buffer.concat([
      Buffer.from('code,unitCode\nHS,'),
      Buffer.from([0x53, 0xe8, 0x20, 0x4e, 0xe9, 0x69, 0x20, 0x76, 0xf9]),
    ]);
    const legacy = await upload(test.app, coordinator, 'cu.csv', tcvn3);
    expect(legacy.status).toBe(400);
    expect(legacy.json.error.message).toMatch(/TCVN3/);
  });

  it('refuses a file whose first line runs past 1 MB at once (400), naming the line', async () => {
    const started = performance.now();
    const response = await upload(test.app, coordinator, 'dai.csv', Buffer.alloc(3 * 1024 * 1024, 'a'));
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({
      code: 'IMPORT_REJECTED',
      message: 'Dòng 1: Dòng dài quá 1 MB: tệp sai cấu trúc hoặc không phải tệp hồ sơ.',
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect((await test.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('refuses a header holding a NUL byte (400), naming the line', async () => {
    const response = await upload(test.app, coordinator, 'nul.csv', 'ma\u0000,ten\n1,2\n');
    expect(response.status).toBe(400);
    expect(response.json.error.message).toBe(
      'Dòng 1: Dòng tiêu đề có ký tự NUL (\\0): tệp không phải văn bản CSV/JSON hợp lệ.',
    );
  });

  it('asks for a mapping of an unknown layout, remembers it, and imports the same layout directly next time', async () => {
    const headers = ['So HS', 'Don vi', 'Thu tuc', 'Ten TT', 'Linh vuc', 'Cap', 'Kenh', 'Nhan luc'];
    const rows = (field: string) => [dossierRow({ field }), dossierRow({ field })];
    const first = await upload(test.app, coordinator, 'la.csv', dossierCsv(rows('Layout'), headers));
    expect(first.status).toBe(400);
    expect(first.json.error.code).toBe('DOSSIER_COLUMNS_UNMAPPED');
    expect(first.json.error.details).toEqual({
      headers,
      columns: expect.arrayContaining([
        { name: 'code', required: true, label: 'Mã hồ sơ' },
        { name: 'dueAt', required: false, label: 'Hạn xử lý' },
      ]),
      suggested: { procedureName: 'Thu tuc', field: 'Linh vuc', level: 'Cap', channel: 'Kenh' },
    });
    expect(first.json.error.details.columns).toHaveLength(DOSSIER_FIELDS.length);

    const wrong = await upload(test.app, coordinator, 'la.csv', dossierCsv(rows('Layout'), headers), {
      mapping: JSON.stringify({ code: 'Không có cột này' }),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('VALIDATION_FAILED');

    const mapping = {
      code: 'So HS',
      unitCode: 'Don vi',
      procedureCode: 'Thu tuc',
      procedureName: 'Ten TT',
      receivedAt: 'Nhan luc',
    };
    const mapped = await upload(test.app, coordinator, 'la.csv', dossierCsv(rows('Layout'), headers), {
      mapping: JSON.stringify(mapping),
    });
    expect(mapped.status).toBe(202);
    expect((await finishedJob(coordinator, mapped.json.jobId)).result).toMatchObject({
      imported: 2,
      rejectedCount: 0,
    });

    const again = await upload(test.app, coordinator, 'la2.csv', dossierCsv(rows('Layout again'), headers));
    expect(again.status).toBe(202);
    expect((await finishedJob(coordinator, again.json.jobId)).result).toMatchObject({
      imported: 2,
      rejectedCount: 0,
    });

    const listed = await coordinator.request('GET', '/api/dossier-mappings');
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([
      expect.objectContaining({
        mapping,
        signature: 'so hs|don vi|thu tuc|ten tt|linh vuc|cap|kenh|nhan luc',
      }),
    ]);
    const { rows: audit } = await test.database.pool.query(
      `select count(*)::int as n from audit_events where action = 'dossiers.mapping_saved'`,
    );
    expect(audit[0].n).toBe(1);
  });

  it('accepts a file larger than the global upload limit', async () => {
    const { MAX_UPLOAD_BYTES } = await import('../app.ts');
    const rows = Array.from({ length: Math.ceil(MAX_UPLOAD_BYTES / 200) + 100 }, () =>
      dossierRow({ field: 'Large', status: 'x'.repeat(60) }),
    );
    const csv = dossierCsv(rows);
    expect(csv.length).toBeGreaterThan(MAX_UPLOAD_BYTES);
    const started = await upload(test.app, coordinator, 'lon.csv', csv);
    expect(started.status).toBe(202);
    const job = await finishedJob(coordinator, started.json.jobId);
    expect(job.result).toMatchObject({ imported: rows.length, rejectedCount: 0 });
  }, 120_000);
});

describe('column mappings are installation-wide', () => {
  // Column 5 holds the procedure's field, column 4 its name: the swapped mapping reads them crosswise.
  const headers = ['Ma HS', 'Ma DV', 'Ma TT', 'Ten thu tuc', 'Nganh', 'Cap do', 'Hinh thuc', 'Ngay nhan'];
  const swapped = {
    code: 'Ma HS',
    unitCode: 'Ma DV',
    procedureCode: 'Ma TT',
    procedureName: 'Nganh',
    field: 'Ten thu tuc',
    receivedAt: 'Ngay nhan',
  };
  const remembered = async () =>
    (
      await test.database.pool.query('select count(*)::int as n from dossier_mappings where signature = $1', [
        headers.map((header) => header.toLowerCase()).join('|'),
      ])
    ).rows[0].n as number;

  it('a commune reporter’s dry run or import with a mapping uses it once and remembers nothing for the province', async () => {
    const user = await buildUser(test.database, [{ role: 'unit_reporter', unitCode: '11953' }]);
    const reporter = await signIn(test.app, user.username, user.password);
    const rows = () => [dossierRow({ unitCode: '11953', level: 'Cấp xã' })];
    const dry = await upload(test.app, reporter, 'xa.csv', dossierCsv(rows(), headers), {
      dryRun: 'true',
      mapping: JSON.stringify(swapped),
    });
    expect(dry.status).toBe(202);
    expect((await finishedJob(reporter, dry.json.jobId)).result).toMatchObject({ imported: 1, dryRun: true });
    const real = await upload(test.app, reporter, 'xa.csv', dossierCsv(rows(), headers), {
      mapping: JSON.stringify(swapped),
    });
    expect(real.status).toBe(202);
    expect((await finishedJob(reporter, real.json.jobId)).result).toMatchObject({
      imported: 1,
      rejectedCount: 0,
    });
    expect(await remembered()).toBe(0);

    // The coordinator's next file of that layout is not read through the commune's mapping.
    const next = await upload(test.app, coordinator, 'tinh.csv', dossierCsv([dossierRow()], headers));
    expect(next.status).toBe(400);
    expect(next.json.error.code).toBe('DOSSIER_COLUMNS_UNMAPPED');
  });

  it('a dry run by the province’s coordinator remembers nothing either', async () => {
    const dry = await upload(test.app, coordinator, 'thu.csv', dossierCsv([dossierRow()], headers), {
      dryRun: 'true',
      mapping: JSON.stringify({ ...swapped, procedureName: 'Ten thu tuc', field: 'Nganh' }),
    });
    expect(dry.status).toBe(202);
    expect((await finishedJob(coordinator, dry.json.jobId)).result).toMatchObject({ dryRun: true });
    expect(await remembered()).toBe(0);
  });
});
