import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedDocument } from '../../core/documents/register-schemas.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { REGISTER_EXPORT_HEADERS } from './register-export.ts';

/**
 * The register of outgoing documents through the API, as a commune's clerk and the province use it.
 * Each test numbers in a year of its own, so no test depends on what another took.
 */
let t: TestApp;
// Tuesday 10 March 2026, 09:00 in Vietnam.
const now = '2026-03-10T09:00:00+07:00';
let clerkA: Session;
let unitA: number;
let unitB: number;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  clerkA = await signInAs(t, 'clerk', COMMUNE_A);
  unitA = await unitIdByCode(t.database, COMMUNE_A);
  unitB = await unitIdByCode(t.database, COMMUNE_B);
}, 60_000);
afterAll(() => t.close());

const take = (session: Session, overrides: Record<string, unknown> = {}) =>
  session.request('POST', '/api/documents/register', {
    unitId: unitA,
    type: 'KH',
    title: 'Kế hoạch cải cách hành chính năm 2026',
    signerName: 'Nguyễn Văn An',
    recipients: ['UBND tỉnh Hưng Yên', 'Sở Nội vụ'],
    ...overrides,
  });

const numbers = (items: IssuedDocument[]) => items.map((item) => item.number);

describe('numbers', () => {
  it('run per type and year from 01; a new year starts again; the day defaults to today', async () => {
    const first = await take(clerkA, { issuedOn: '05/01/2031' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      unitId: unitA,
      unitName: 'Phường Phố Hiến',
      year: 2031,
      type: 'KH',
      seq: 1,
      number: '01/KH-UBND',
      symbol: 'KH-UBND',
      issuedOn: '2031-01-05',
      signerName: 'Nguyễn Văn An',
      recipients: ['UBND tỉnh Hưng Yên', 'Sở Nội vụ'],
      sourceKind: 'other',
      sourceId: null,
      status: 'numbered',
      voidReason: null,
      pdfSha256: null,
      signedPdfSha256: null,
      canVoid: true,
    });
    const second = await take(clerkA, { issuedOn: '06/01/2031' });
    const report = await take(clerkA, { type: 'BC', title: 'Báo cáo quý I', issuedOn: '07/01/2031' });
    const nextYear = await take(clerkA, { issuedOn: '02/01/2032' });
    expect([second.json.number, report.json.number, nextYear.json.number]).toEqual([
      '02/KH-UBND',
      '01/BC-UBND',
      '01/KH-UBND',
    ]);
    expect([second.json.seq, report.json.seq, nextYear.json.seq]).toEqual([2, 1, 1]);
    const today = await take(clerkA, { type: 'TB', title: 'Thông báo lịch tiếp công dân' });
    expect([today.json.issuedOn, today.json.year]).toEqual(['2026-03-10', 2026]);
    // The audit keeps what was taken.
    const audit = await t.database.pool.query(
      "select after from audit_events where action = 'document.number.take' and entity_id = $1",
      [String(first.json.id)],
    );
    expect(audit.rows.map((row) => [row.after.number, row.after.year, row.after.seq])).toEqual([
      ['01/KH-UBND', 2031, 1],
    ]);
  });

  it('a công văn’s ký hiệu has no type part: the issuer and the drafting unit; a department’s own abbreviation', async () => {
    const letter = await take(clerkA, {
      type: 'CV',
      title: 'V/v đôn đốc báo cáo',
      drafter: 'VX',
      issuedOn: '03/02/2033',
    });
    expect(letter.status).toBe(201);
    expect([letter.json.number, letter.json.symbol, letter.json.type]).toEqual([
      '01/UBND-VX',
      'UBND-VX',
      'CV',
    ]);
    const bare = await take(clerkA, { type: 'CV', title: 'V/v mời họp', issuedOn: '04/02/2033' });
    expect(bare.json.number).toBe('02/UBND');
    const clerkSnv = await signInAs(t, 'clerk', '33.SNV');
    const snv = await take(clerkSnv, {
      unitId: await unitIdByCode(t.database, '33.SNV'),
      issuedOn: '04/02/2033',
    });
    expect(snv.json.number).toBe('01/KH-SNV');
  });

  it('20 taken at once are 20 distinct numbers, 01 to 20', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        take(clerkA, { type: 'QĐ', title: `Quyết định số ${index}`, issuedOn: '10/03/2034' }),
      ),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(201));
    const seqs = replies.map((reply) => reply.json.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(new Set(replies.map((reply) => reply.json.number)).size).toBe(20);
    const listed = await clerkA.request(
      'GET',
      `/api/documents/register?year=2034&type=QĐ&sort=number&perPage=100`,
    );
    expect([listed.json.total, listed.json.items[0].number, listed.json.items[19].number]).toEqual([
      20,
      '01/QĐ-UBND',
      '20/QĐ-UBND',
    ]);
  });

  it('a voided number stays in the register with its reason and is never given again', async () => {
    const first = await take(clerkA, { issuedOn: '01/06/2035' });
    const url = `/api/documents/register/${first.json.id}/void`;
    expect((await clerkA.request('POST', url, {})).status).toBe(400);
    const voided = await clerkA.request('POST', url, { reason: 'Ghi nhầm trích yếu' });
    expect(voided.status).toBe(200);
    expect([voided.json.status, voided.json.voidReason, voided.json.voidedAt, voided.json.canVoid]).toEqual([
      'void',
      'Ghi nhầm trích yếu',
      '2026-03-10T02:00:00.000Z',
      false,
    ]);
    expect((await clerkA.request('POST', url, { reason: 'Lần nữa' })).status).toBe(409);
    const next = await take(clerkA, { issuedOn: '02/06/2035' });
    expect(next.json.number).toBe('02/KH-UBND');
    const listed = await clerkA.request('GET', '/api/documents/register?year=2035&sort=number');
    expect(
      listed.json.items.map((item: IssuedDocument) => [item.number, item.status, item.voidReason]),
    ).toEqual([
      ['01/KH-UBND', 'void', 'Ghi nhầm trích yếu'],
      ['02/KH-UBND', 'numbered', null],
    ]);
    const voids = await clerkA.request('GET', '/api/documents/register?year=2035&status=void');
    expect(numbers(voids.json.items)).toEqual(['01/KH-UBND']);
  });

  it('a source must be the unit’s own document, and one document has one live number', async () => {
    const head = await signInAs(t, 'unit_head', COMMUNE_A);
    const report = await head.request('POST', '/api/reports', { unitId: unitA, periodCode: '2036Q1' });
    expect(report.status).toBe(200);
    const numbered = await take(clerkA, {
      type: 'BC',
      title: 'Báo cáo quý I năm 2036',
      issuedOn: '10/04/2036',
      sourceKind: 'report',
      sourceId: String(report.json.id),
    });
    expect([numbered.status, numbered.json.sourceKind, numbered.json.sourceId]).toEqual([
      201,
      'report',
      String(report.json.id),
    ]);
    const twice = await take(clerkA, {
      type: 'BC',
      title: 'Báo cáo quý I năm 2036',
      issuedOn: '10/04/2036',
      sourceKind: 'report',
      sourceId: String(report.json.id),
    });
    expect([twice.status, twice.json.error.message]).toEqual([
      409,
      'Văn bản này đã có số 01/BC-UBND trong sổ văn bản đi.',
    ]);
    const headB = await signInAs(t, 'unit_head', COMMUNE_B);
    const reportB = await headB.request('POST', '/api/reports', { unitId: unitB, periodCode: '2036Q1' });
    const foreign = await take(clerkA, { sourceKind: 'report', sourceId: String(reportB.json.id) });
    expect([foreign.status, foreign.json.error.details.fields[0].path]).toEqual([400, 'sourceId']);
    const unnamed = await take(clerkA, { sourceKind: 'plan' });
    expect([unnamed.status, unnamed.json.error.details.fields[0].path]).toEqual([400, 'sourceId']);
  });
});

describe('who keeps which register', () => {
  it('another unit’s clerk is refused; a commune’s clerk sees only its commune; the province sees both', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const inA = await take(coordinator, { title: 'Kế hoạch của phường', issuedOn: '01/01/2037' });
    const inB = await take(coordinator, { unitId: unitB, title: 'Kế hoạch của xã', issuedOn: '01/01/2037' });
    expect([inA.status, inB.status, inB.json.number]).toEqual([201, 201, '01/KH-UBND']);
    const clerkB = await signInAs(t, 'clerk', COMMUNE_B);
    expect((await take(clerkB, { issuedOn: '02/01/2037' })).status).toBe(403);
    expect((await clerkB.request('GET', `/api/documents/register/${inA.json.id}`)).status).toBe(404);
    expect(
      (await clerkB.request('POST', `/api/documents/register/${inA.json.id}/void`, { reason: 'Thử' })).status,
    ).toBe(404);
    expect((await clerkB.request('GET', `/api/documents/register?unitId=${unitA}`)).status).toBe(403);
    const seenByA = await clerkA.request('GET', '/api/documents/register?year=2037');
    expect(seenByA.json.items.map((item: IssuedDocument) => [item.unitName, item.title])).toEqual([
      ['Phường Phố Hiến', 'Kế hoạch của phường'],
    ]);
    const seenByB = await clerkB.request('GET', '/api/documents/register?year=2037');
    expect(seenByB.json.items.map((item: IssuedDocument) => item.unitName)).toEqual(['Xã Tân Hưng']);
    const seenByProvince = await coordinator.request('GET', '/api/documents/register?year=2037&sort=title');
    expect(seenByProvince.json.items.map((item: IssuedDocument) => item.title)).toEqual([
      'Kế hoạch của phường',
      'Kế hoạch của xã',
    ]);
    // A reporter and a leader keep no register.
    const reporter = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const leader = await signInAs(t, 'leader', '33');
    expect((await reporter.request('GET', '/api/documents/register')).status).toBe(403);
    expect((await leader.request('GET', '/api/documents/register')).status).toBe(403);
    expect((await take(reporter, { issuedOn: '02/01/2037' })).status).toBe(403);
  });
});

describe('reading the register', () => {
  it('search ignores diacritics and case, over the trích yếu, number, signer and recipients', async () => {
    await take(clerkA, { title: 'Kế hoạch đối thoại với Nhân dân', issuedOn: '01/02/2038' });
    await take(clerkA, {
      type: 'TB',
      title: 'Thông báo lịch tiếp công dân',
      signerName: 'Trần Thị Bình',
      issuedOn: '02/02/2038',
    });
    const search = async (q: string) =>
      numbers(
        (
          await clerkA.request(
            'GET',
            `/api/documents/register?year=2038&sort=number&q=${encodeURIComponent(q)}`,
          )
        ).json.items,
      );
    expect(await search('doi thoai')).toEqual(['01/KH-UBND']);
    expect(await search('ĐỐI THOẠI')).toEqual(['01/KH-UBND']);
    expect(await search('tran thi binh')).toEqual(['01/TB-UBND']);
    expect(await search('01/tb')).toEqual(['01/TB-UBND']);
    expect(await search('so noi vu')).toEqual(['01/KH-UBND', '01/TB-UBND']);
    expect(await search('khong co')).toEqual([]);
    const paged = await clerkA.request(
      'GET',
      '/api/documents/register?year=2038&perPage=1&page=2&sort=number',
    );
    expect([paged.json.total, numbers(paged.json.items)]).toEqual([2, ['01/TB-UBND']]);
  });

  it('the .xlsx reads back with the register’s columns, dd/mm/yyyy and a voided line’s reason', async () => {
    await take(clerkA, { issuedOn: '15/01/2039', title: 'Kế hoạch thi đua' });
    const letter = await take(clerkA, {
      type: 'CV',
      drafter: 'VP',
      title: 'V/v góp ý dự thảo',
      signerName: null,
      recipients: ['Các phòng chuyên môn'],
      issuedOn: '20/01/2039',
    });
    await clerkA.request('POST', `/api/documents/register/${letter.json.id}/void`, {
      reason: 'Trùng văn bản',
    });
    const reply = await t.app.inject({
      url: '/api/documents/register/export.xlsx?year=2039&sort=number',
      headers: { cookie: clerkA.cookie },
    });
    expect([reply.statusCode, reply.headers['content-type']]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Sổ văn bản đi');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      [...REGISTER_EXPORT_HEADERS],
      [
        '01',
        'UBND-VP',
        '20/01/2039',
        'V/v góp ý dự thảo',
        '',
        'Các phòng chuyên môn',
        'Đã hủy số: Trùng văn bản',
      ],
      [
        '01',
        'KH-UBND',
        '15/01/2039',
        'Kế hoạch thi đua',
        'Nguyễn Văn An',
        'UBND tỉnh Hưng Yên; Sở Nội vụ',
        'Đã cấp số',
      ],
    ]);
  });
});
