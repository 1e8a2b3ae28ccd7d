import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildUser,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  unitIdByCode,
} from '../test/harness.ts';
import { assertContentMatches, safeFileName } from './file-signatures.ts';
import { writeTable } from './tabular.ts';

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const refusal = (extension: string, data: Buffer) => {
  try {
    assertContentMatches(extension, data);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('evidence content is checked against its extension', () => {
  it('accepts each allowed type by its signature', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Biên bản')] }] }),
    );
    const xlsx = await writeTable({ headers: ['Mã'], rows: [['1']] }, 'xlsx');
    expect(refusal('.pdf', Buffer.from('%PDF-1.7\n%%EOF'))).toBeNull();
    expect(refusal('.png', PNG)).toBeNull();
    expect(refusal('.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(refusal('.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBeNull();
    expect(refusal('.docx', docx)).toBeNull();
    expect(refusal('.xlsx', xlsx)).toBeNull();
    expect(refusal('.zip', xlsx)).toBeNull();
    expect(refusal('.txt', Buffer.from('Biên bản họp\r\n\tngày 1/7'))).toBeNull();
  });

  it('refuses executables and scripts whatever they are named, naming what they are', () => {
    expect(refusal('.pdf', ELF)).toBe(
      'Tệp là chương trình hoặc mã lệnh (ELF (Linux)), không nhận làm minh chứng.',
    );
    expect(refusal('.docx', PE)).toBe(
      'Tệp là chương trình hoặc mã lệnh (PE (Windows .exe/.dll)), không nhận làm minh chứng.',
    );
    expect(refusal('.txt', Buffer.from('#!/bin/sh\nrm -rf /'))).toBe(
      'Tệp là chương trình hoặc mã lệnh (script (#!)), không nhận làm minh chứng.',
    );
  });

  it('refuses content of another type than the extension claims', async () => {
    const xlsx = await writeTable({ headers: ['Mã'], rows: [['1']] }, 'xlsx');
    expect(refusal('.pdf', PNG)).toBe('Nội dung tệp không phải PDF như phần mở rộng .pdf cho biết.');
    expect(refusal('.png', Buffer.from('%PDF-1.7'))).toBe(
      'Nội dung tệp không phải ảnh PNG như phần mở rộng .png cho biết.',
    );
    // A zip, but not a Word document inside.
    expect(refusal('.docx', xlsx)).toBe(
      'Nội dung tệp không phải Word .docx như phần mở rộng .docx cho biết.',
    );
    expect(refusal('.txt', Buffer.from([0x61, 0x00, 0x62]))).toBe(
      'Nội dung tệp không phải văn bản UTF-8 như phần mở rộng .txt cho biết.',
    );
  });

  it('strips bidi overrides, invisible marks and control characters from names', () => {
    expect(safeFileName('hoadon\u202Efdp.exe')).toBe('hoadonfdp.exe');
    expect(safeFileName('\u2066bien\u200Fban\u200E\u2069.pdf')).toBe('bienban.pdf');
    expect(safeFileName('a\u0000b\u0007c\u009b\r\n.pdf')).toBe('abc.pdf');
    expect(safeFileName('C:\\Users\\x\\Biên bản.pdf')).toBe('Biên bản.pdf');
    expect(safeFileName('\u202E')).toBe('tep');
  });
});

describe('evidence uploads', () => {
  let t: TestApp;
  let coordinator: Session;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await signIn(
      t.app,
      (await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }])).username,
    );
    const created = await coordinator.request('POST', '/api/plans', {
      unitId: await unitIdByCode(t.database, '33'),
      title: 'Kế hoạch thử minh chứng',
      issuedOn: null,
      year: 2026,
      indices: [],
      sections: [],
      tasks: [
        {
          ref: '1',
          text: 'Nhiệm vụ',
          index: null,
          dimension: null,
          leadNames: [],
          supportNames: [],
          due: null,
          recurrence: null,
        },
      ],
      targets: [],
      agencies: [],
    });
    expect(created.status, created.body).toBe(201);
    const task = created.json.items.find((item: { kind: string }) => item.kind === 'task');
    url = `/api/plans/${created.json.id}/items/${task.id}/evidence`;
  });
  afterAll(() => t.close());

  it('refuses an executable renamed .pdf and stores nothing', async () => {
    const refused = await coordinator.upload(url, 'bien-ban.pdf', ELF);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: 'Tệp là chương trình hoặc mã lệnh (ELF (Linux)), không nhận làm minh chứng.',
    });
    expect((await coordinator.request('GET', url)).json).toEqual([]);
  });

  it('stores a real PDF under a name without its right-to-left override', async () => {
    const added = await coordinator.upload(url, 'hoadon\u202Efdp.pdf', Buffer.from('%PDF-1.7\n%%EOF'));
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ fileName: 'hoadonfdp.pdf', contentType: 'application/pdf' });
  });
});
