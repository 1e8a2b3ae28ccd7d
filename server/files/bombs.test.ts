import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dossierImportCommand } from '../dossiers/dossier-cli.ts';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from '../test/harness.ts';
import { buildZip } from '../test/zip-bombs.ts';
import { readOfficeFile } from './office.ts';

/** ~100 MB of XML each, a few hundred KB on the wire: the server refuses them and keeps answering. */
const MB = 1024 * 1024;
const PARAGRAPH = '<w:p><w:r><w:t>Bom giải nén</w:t></w:r></w:p>';
const ROW = '<row><c t="inlineStr"><is><t>Bom giải nén</t></is></c></row>';

const docxBomb = (options: { lieAboutSizes?: boolean } = {}) =>
  buildZip(
    [
      { name: '[Content_Types].xml', head: '<Types/>' },
      {
        name: 'word/document.xml',
        head: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
        chunk: PARAGRAPH,
        times: Math.ceil((100 * MB) / PARAGRAPH.length),
        tail: '</w:body></w:document>',
      },
    ],
    options,
  );

const xlsxBomb = (entry: 'xl/worksheets/sheet1.xml' | 'xl/sharedStrings.xml', megabytes = 100) =>
  buildZip([
    { name: '[Content_Types].xml', head: '<Types/>' },
    { name: 'xl/workbook.xml', head: '<workbook/>' },
    {
      name: entry,
      head: '<worksheet><sheetData>',
      chunk: ROW,
      times: Math.ceil((megabytes * MB) / ROW.length),
      tail: '</sheetData></worksheet>',
    },
  ]);

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  const user = await buildUser(t.database, [{ role: 'admin', unitCode: null }]);
  admin = await signIn(t.app, user.username, user.password);
});
afterAll(() => t.close());

/** Sends the upload and, while it is being read, asks for /api/health: it must answer at once. */
async function uploadWhileServing(url: string, fileName: string, content: Buffer) {
  const upload = admin.upload(url, fileName, content);
  const during = await t.app.inject({ method: 'GET', url: '/api/health' });
  const response = await upload;
  const after = await t.app.inject({ method: 'GET', url: '/api/health' });
  expect(during.statusCode).toBe(200);
  expect(after.statusCode).toBe(200);
  return response;
}

describe('decompression bombs', () => {
  it('a .docx inflating to 100 MB is refused (413) on the plan preview, naming the limit', async () => {
    const bomb = await docxBomb();
    expect(bomb.length).toBeLessThan(MB);
    const response = await uploadWhileServing('/api/plans/preview-file', 'ke-hoach.docx', bomb);
    expect(response.status).toBe(413);
    expect(response.json.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Tệp giải nén ra quá lớn: nội dung vượt giới hạn 64 MB. Hãy chia nhỏ tệp.',
    });
  });

  it('a .docx whose directory declares small sizes is refused by the bytes it really inflates to', async () => {
    const response = await uploadWhileServing(
      '/api/plans/preview-file',
      'ke-hoach.docx',
      await docxBomb({ lieAboutSizes: true }),
    );
    expect(response.status).toBe(413);
    expect(response.json.error.message).toBe(
      'Tệp giải nén ra quá lớn: nội dung vượt giới hạn 64 MB. Hãy chia nhỏ tệp.',
    );
  });

  it('an .xlsx inflating to 100 MB is refused on the unit import and the framework import', async () => {
    const bomb = await xlsxBomb('xl/worksheets/sheet1.xml');
    const units = await uploadWhileServing('/api/units/import?dryRun=true', 'don-vi.xlsx', bomb);
    expect(units.status).toBe(413);
    expect(units.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    const framework = await uploadWhileServing(
      '/api/frameworks/import?code=BOM&nameVi=Bom&fromYear=2027',
      'khung.xlsx',
      bomb,
    );
    expect(framework.status).toBe(413);
    expect(framework.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a dossier .xlsx whose shared strings inflate past 128 MB is refused before a row is read', async () => {
    const bomb = await xlsxBomb('xl/sharedStrings.xml', 140);
    const response = await uploadWhileServing('/api/dossiers/imports', 'ho-so.xlsx', bomb);
    expect(response.status).toBe(413);
    expect(response.json.error.message).toBe(
      'Thành phần "xl/sharedStrings.xml" của tệp nén giải ra quá giới hạn 128 MB. Hãy chia nhỏ tệp.',
    );
  });

  it('the same .xlsx is refused by `npx chiso dossiers import` before a row is read', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'chiso-bomb-'));
    const file = join(folder, 'ho-so.xlsx');
    writeFileSync(file, await xlsxBomb('xl/sharedStrings.xml', 140));
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const code = await dossierImportCommand(
        t.database,
        [file, '--json'],
        [{ role: 'admin', unitId: 0, unitPath: '/' }],
      );
      expect(code).toBe(1);
      expect(JSON.parse(printed[0] ?? '{}').rejected).toEqual([
        {
          line: 1,
          column: '',
          reason:
            'Thành phần "xl/sharedStrings.xml" của tệp nén giải ra quá giới hạn 128 MB. Hãy chia nhỏ tệp.',
        },
      ]);
    } finally {
      log.mockRestore();
      error.mockRestore();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a zip with more entries than the limit is refused from its directory alone', async () => {
    const entries = Array.from({ length: 2001 }, (_, index) => ({ name: `x/${index}.xml`, head: '<x/>' }));
    const response = await admin.upload('/api/plans/preview-file', 'nhieu.docx', await buildZip(entries));
    expect(response.status).toBe(413);
    expect(response.json.error.message).toBe('Tệp nén có 2001 thành phần, vượt giới hạn 2000.');
  });

  it('a file that is not a zip at all is a 400, not a crash', async () => {
    const response = await admin.upload(
      '/api/units/import',
      'don-vi.xlsx',
      Buffer.from('PK\u0003\u0004 hỏng'),
    );
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('UNSUPPORTED_FILE');
  });

  it('four bombs sent at once are all refused and the server keeps answering', async () => {
    const bomb = await docxBomb();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => admin.upload('/api/plans/preview-file', 'ke-hoach.docx', bomb)),
    );
    expect(responses.map((response) => response.status)).toEqual([413, 413, 413, 413]);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('a parse needing more memory than the worker may use ends the worker with a 413, not the server', async () => {
    // 30 MB of sheet passes the zip limits; parsing it needs far more than a 32 MB heap.
    const large = await xlsxBomb('xl/worksheets/sheet1.xml', 30);
    const refused = readOfficeFile({ kind: 'xlsx', data: large, memoryMb: 32 });
    await expect(refused).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Đọc tệp cần quá 32 MB bộ nhớ: vượt giới hạn. Hãy chia nhỏ tệp.',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
