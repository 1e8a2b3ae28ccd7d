import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { docxParagraphs, docxTables, docxText, tableStartingWith } from '../test/docx-reader.ts';
import { buildPlan, buildReport, COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';
import { pdfDocument } from '../test/pdf-reader.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: fixedClock('2026-03-18T03:00:00Z') });
});
afterAll(() => t.close());

const download = (session: Session, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

/** A unit's report with its narrative and its one task reported done. */
async function writtenReport(unitCode: string) {
  const coordinator = await signInAs(t, 'coordinator', '33');
  const plan = await buildPlan(t, { author: coordinator, leadCode: unitCode, tasks: 1 });
  const report = await buildReport(t, { unitCode, periodCode: '2026Q1' });
  const reporter = await signInAs(t, 'unit_reporter', unitCode);
  const opened = (await reporter.request('GET', `/api/reports/${report.id}`)).json;
  const task = opened.tasks.find((entry: { planId: number }) => entry.planId === plan.id);
  const saved = await reporter.request('PUT', `/api/reports/${report.id}`, {
    narrative: {
      results: 'Đã tổ chức 3 hội nghị tuyên truyền.',
      shortcomings: null,
      causes: null,
      nextTasks: 'Số hóa hồ sơ.',
      proposals: null,
    },
    tasks: [{ itemId: task.itemId, status: 'done', progress: 100, done: 'Đã xong', version: task.version }],
    version: opened.version,
  });
  expect(saved.status).toBe(200);
  return { reportId: report.id, reporter, plan };
}

describe('a unit’s own report as a document to sign', () => {
  it('is issued by the department, signed by its head, dated from the province, with its tasks as a table', async () => {
    const { reportId, reporter, plan } = await writtenReport('33.SNV');
    await t.database.pool.query(`update units set head_name = 'Nguyễn Văn An' where code = '33.SNV'`);
    const response = await download(reporter, `/api/reports/${reportId}/export.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Báo cáo quý I năm 2026 - Sở Nội vụ.docx')}`,
    );
    const text = await docxText(response.rawPayload);
    expect(text).toContain('SỞ NỘI VỤ');
    expect(text).toContain('Số:      /BC-SNV');
    expect(text).toContain('Hưng Yên, ngày 18 tháng 3 năm 2026');
    expect(text).toContain('BÁO CÁOTình hình, kết quả thực hiện nhiệm vụ quý I/2026');
    expect(text).toContain('Kính gửi: Ủy ban nhân dân tỉnh Hưng Yên');
    expect(text).toContain('(số liệu từ 15/12/2025 đến 14/03/2026) như sau:');
    expect(text).toContain('I. KẾT QUẢ ĐẠT ĐƯỢCĐã tổ chức 3 hội nghị tuyên truyền.');
    expect(text).toContain('II. TỒN TẠI, HẠN CHẾKhông có.');
    // A department's head signs as its director, not on behalf of a collective.
    expect(text).toContain('GIÁM ĐỐCNguyễn Văn An');
    expect(text).not.toContain('TM. SỞ NỘI VỤ');
    const tables = await docxTables(response.rawPayload);
    expect(tableStartingWith(tables, ['STT', 'Nhiệm vụ'])).toEqual([
      ['STT', 'Nhiệm vụ', 'Trạng thái', 'Tiến độ', 'Kết quả thực hiện'],
      ['1', plan.items.find((item) => item.kind === 'task')?.text ?? '', 'Hoàn thành', '100%', 'Đã xong'],
    ]);
  });

  it('is also a PDF, named as the .docx, with the report’s title and its task table', async () => {
    const { reportId, reporter } = await writtenReport('33.SNV');
    const response = await download(reporter, `/api/reports/${reportId}/export.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Báo cáo quý I năm 2026 - Sở Nội vụ.pdf')}`,
    );
    const { title, lines } = await pdfDocument(response.rawPayload);
    expect(title).toBe('Tình hình, kết quả thực hiện nhiệm vụ quý I/2026');
    for (const line of [
      'SỞ NỘI VỤ',
      'BÁO CÁO',
      'Tình hình, kết quả thực hiện nhiệm vụ quý I/2026',
      'GIÁM ĐỐC',
    ])
      expect(lines).toContain(line);
    expect(lines).toContain('| STT | Nhiệm vụ | Trạng thái | Tiến độ | Kết quả thực hiện |');
  });

  it('keeps the lines a reporter typed, each a paragraph of the document', async () => {
    const { reportId, reporter } = await writtenReport('33.SNV');
    const opened = (await reporter.request('GET', `/api/reports/${reportId}`)).json;
    const typed = '1. Đã tổ chức 3 hội nghị.\r\n\r\n2. Đã  số hóa   hồ sơ.\n   ';
    const saved = await reporter.request('PUT', `/api/reports/${reportId}`, {
      narrative: { ...opened.narrative, results: typed },
      tasks: opened.tasks.map((task: { itemId: number; reported: object; version: number }) => ({
        itemId: task.itemId,
        ...task.reported,
        done: 'Dòng một\nDòng hai',
        version: task.version,
      })),
      version: opened.version,
    });
    expect(saved.status).toBe(200);
    const read = (await reporter.request('GET', `/api/reports/${reportId}`)).json;
    expect(read.narrative.results).toBe('1. Đã tổ chức 3 hội nghị.\n2. Đã số hóa hồ sơ.');
    expect(read.tasks[0].reported.done).toBe('Dòng một\nDòng hai');
    const paragraphs = await docxParagraphs(
      (await download(reporter, `/api/reports/${reportId}/export.docx`)).rawPayload,
    );
    expect(paragraphs).toContain('1. Đã tổ chức 3 hội nghị.');
    expect(paragraphs).toContain('2. Đã số hóa hồ sơ.');
    // In the tasks' table too, each typed line is a paragraph of its cell.
    expect(paragraphs).toContain('Dòng một');
    expect(paragraphs).toContain('Dòng hai');
  });

  it('of a commune is issued by its People’s Committee and dated from the commune itself', async () => {
    const { reportId, reporter } = await writtenReport(COMMUNE_A);
    const text = await docxText(
      (await download(reporter, `/api/reports/${reportId}/export.docx`)).rawPayload,
    );
    expect(text).toContain('ỦY BAN NHÂN DÂNPHƯỜNG PHỐ HIẾN');
    expect(text).toContain('TM. ỦY BAN NHÂN DÂNCHỦ TỊCH');
    expect(text).toContain('/BC-UBND');
    expect(text).toContain('Phố Hiến, ngày 18 tháng 3 năm 2026');
    expect(text).not.toContain('Hưng Yên, ngày');
  });

  it('takes the signed copy as a PDF or a scan, checked by content, and serves it back to those who read the report', async () => {
    const { reportId, reporter } = await writtenReport(COMMUNE_A);
    const url = `/api/reports/${reportId}/signed-copies`;
    const pdf = Buffer.from('%PDF-1.4\nbáo cáo đã ký\n%%EOF');
    const added = await reporter.upload(url, 'bao-cao-da-ky.pdf', pdf);
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      fileName: 'bao-cao-da-ky.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    // Not a PDF inside, or not a PDF or picture at all: refused.
    const fake = await reporter.upload(url, 'gia.pdf', Buffer.from('chỉ là chữ, không phải PDF'));
    expect(fake.status).toBe(400);
    expect(fake.json.error.message).toContain('Nội dung tệp không phải');
    const docx = await reporter.upload(url, 'ban-ky.docx', Buffer.from('PK'));
    expect(docx.status).toBe(400);
    expect(docx.json.error.message).toContain('PDF hoặc ảnh chụp');
    // Past the upload limit: refused before it is read whole.
    const { MAX_UPLOAD_BYTES } = await import('../app.ts');
    const huge = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_UPLOAD_BYTES)]);
    expect((await reporter.upload(url, 'qua-lon.pdf', huge)).status).toBe(413);
    const coordinator = await signInAs(t, 'coordinator', '33');
    const listed = await coordinator.request('GET', url);
    expect(listed.json.map((file: { fileName: string }) => file.fileName)).toEqual(['bao-cao-da-ky.pdf']);
    const file = await download(coordinator, `${url}/${added.json.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    // Another commune's reporter neither attaches nor sees it; the coordinator does not attach for the unit.
    const other = await signInAs(t, 'unit_reporter', '11977');
    expect((await other.upload(url, 'x.pdf', pdf)).status).toBe(404);
    expect((await download(other, `${url}/${added.json.id}`)).statusCode).toBe(404);
    expect((await coordinator.upload(url, 'x.pdf', pdf)).status).toBe(403);
  });
});
