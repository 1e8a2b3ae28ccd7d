import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
let admin: Session;
let coordinator: Session;
let reporter: Session;
let provinceId: number;
let snvId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t, 'admin', null);
  coordinator = await signInAs(t, 'coordinator', '33');
  reporter = await signInAs(t, 'unit_reporter', '11953');
  provinceId = await unitIdByCode(t.database, '33');
  snvId = await unitIdByCode(t.database, '33.SNV');
});
afterAll(() => t.close());

const importFile = (session: Session, name: string, content: Buffer, dryRun = false) =>
  session.upload(`/api/units/import${dryRun ? '?dryRun=true' : ''}`, name, content);

const countUnits = async () =>
  (await admin.request('GET', '/api/units?status=all&perPage=1')).json.total as number;

describe('the demo province', () => {
  it('has the provincial committee, 12 departments and 104 communes as they are since 1 July 2025', async () => {
    const children = await admin.request(
      'GET',
      `/api/units?parentId=${provinceId}&perPage=100&type=department`,
    );
    expect(children.json.total).toBe(12);
    const communes = await admin.request('GET', `/api/units?parentId=${provinceId}&perPage=1&type=commune`);
    expect(communes.json.total).toBe(104);
  });

  it('keeps phường Dị Sử closed, pointing to the ward that carries its history', async () => {
    const found = await admin.request('GET', '/api/units?q=di su&status=all');
    expect(found.json.items).toHaveLength(1);
    const diSu = await admin.request('GET', `/api/units/${found.json.items[0].id}`);
    expect(diSu.json).toMatchObject({
      name: 'Phường Dị Sử',
      isActive: false,
      validTo: '2025-06-30',
      canEdit: false,
    });
    expect(diSu.json.successors).toEqual([
      expect.objectContaining({ name: 'Phường Đường Hào', kind: 'merge' }),
    ]);
    const successor = await admin.request('GET', `/api/units/${diSu.json.successors[0].id}`);
    expect(successor.json.predecessors.map((p: { name: string }) => p.name)).toContain('Phường Dị Sử');
  });

  it('searches ignoring diacritics and sorts names in Vietnamese order', async () => {
    const found = await admin.request('GET', '/api/units?q=PHO HIEN');
    expect(found.json.items.map((u: { name: string }) => u.name)).toContain('Phường Phố Hiến');
    const sorted = await admin.request(
      'GET',
      `/api/units?parentId=${provinceId}&type=department&perPage=100&sort=name`,
    );
    const names = sorted.json.items.map((u: { name: string }) => u.name);
    expect(names.indexOf('Sở Y tế')).toBeGreaterThan(names.indexOf('Sở Xây dựng'));
    expect(names[0]).toBe('Sở Công Thương');
  });

  it('pages with the one list contract and refuses perPage over 100', async () => {
    const page2 = await admin.request(
      'GET',
      `/api/units?parentId=${provinceId}&perPage=10&page=2&sort=-code`,
    );
    expect(page2.json).toMatchObject({ page: 2, perPage: 10, total: 116 });
    expect(page2.json.items).toHaveLength(10);
    const pastTheEnd = await admin.request('GET', `/api/units?parentId=${provinceId}&perPage=10&page=99`);
    expect(pastTheEnd.json).toMatchObject({ items: [], total: 116 });
    const refused = await admin.request('GET', '/api/units?perPage=500');
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.fields[0].path).toBe('perPage');
  });
});

describe('scoping', () => {
  it('a commune reporter sees its own commune only and cannot change it', async () => {
    const roots = await reporter.request('GET', '/api/units?parentId=root');
    expect(roots.json.items.map((u: { name: string }) => u.name)).toEqual(['Phường Phố Hiến']);
    expect((await reporter.request('GET', `/api/units/${snvId}`)).status).toBe(404);
    const own = roots.json.items[0];
    const detail = await reporter.request('GET', `/api/units/${own.id}`);
    expect(detail.json.canEdit).toBe(false);
    const refused = await reporter.request('PATCH', `/api/units/${own.id}`, {
      name: 'Đổi tên',
      type: 'commune',
      version: detail.json.version,
    });
    expect(refused.status).toBe(403);
    expect((await reporter.request('GET', '/api/units?q=so noi vu')).json.total).toBe(0);
  });

  it('a coordinator reads the province but does not administer units', async () => {
    expect((await coordinator.request('GET', `/api/units/${snvId}`)).status).toBe(200);
    const refused = await coordinator.request('POST', '/api/units', {
      name: 'Phòng X',
      type: 'office',
      parentId: snvId,
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
  });

  it('refuses anonymous reads', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
  });
});

describe('editing the tree', () => {
  it('creates, edits with optimistic concurrency, moves and closes a unit, auditing each step', async () => {
    const created = await admin.request('POST', '/api/units', {
      name: '  Phòng  Cải cách hành chính ',
      type: 'office',
      parentId: snvId,
      code: 'SNV.CCHC',
      headName: 'Nguyễn Văn A',
      headPhone: '0221 3862 123',
      headEmail: 'CCHC@HUNGYEN.GOV.VN',
      validFrom: '01/08/2025',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Phòng Cải cách hành chính',
      headEmail: 'cchc@hungyen.gov.vn',
      validFrom: '2025-08-01',
      version: 1,
    });
    const id = created.json.id;

    const edit = { name: 'Phòng CCHC', type: 'office', code: 'SNV.CCHC', headName: 'Trần Thị B', version: 1 };
    expect((await admin.request('PATCH', `/api/units/${id}`, edit)).json.version).toBe(2);
    const stale = await admin.request('PATCH', `/api/units/${id}`, { ...edit, name: 'Bản cũ' });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('CONFLICT');

    const duplicate = await admin.request('POST', '/api/units', {
      name: 'Trùng mã',
      type: 'office',
      parentId: snvId,
      code: 'SNV.CCHC',
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.error.details.fields[0].path).toBe('code');

    const stpId = await unitIdByCode(t.database, '33.STP');
    const moved = await admin.request('POST', `/api/units/${id}/move`, { parentId: stpId, version: 2 });
    expect(moved.json.ancestors.map((a: { name: string }) => a.name)).toEqual([
      'Ủy ban nhân dân tỉnh Hưng Yên',
      'Sở Tư pháp',
    ]);

    const cycle = await admin.request('POST', `/api/units/${stpId}/move`, { parentId: id, version: 1 });
    expect(cycle.status).toBe(400);

    const closed = await admin.request('POST', `/api/units/${id}/close`, {
      validTo: '31/12/2025',
      successorIds: [stpId],
      kind: 'merge',
      reason: 'Sáp nhập vào Sở',
      version: 3,
    });
    expect(closed.json).toMatchObject({ isActive: false, validTo: '2025-12-31', canEdit: false });
    expect(closed.json.successors).toEqual([expect.objectContaining({ id: stpId, kind: 'merge' })]);

    const trail = await admin.request('GET', `/api/audit?entityType=unit&entityId=${id}&sort=at`);
    expect(trail.json.items.map((e: { action: string }) => e.action)).toEqual([
      'unit.created',
      'unit.updated',
      'unit.moved',
      'unit.closed',
    ]);
    expect(trail.json.items[1].before.headName).toBe('Nguyễn Văn A');
    expect(trail.json.items[1].after.headName).toBe('Trần Thị B');
  });

  it('reopens a unit closed by mistake, removing its successor links', async () => {
    const created = await admin.request('POST', '/api/units', {
      name: 'Tổ công tác tạm',
      code: 'SNV.TCT',
      type: 'office',
      parentId: snvId,
    });
    const id = created.json.id;
    const closed = await admin.request('POST', `/api/units/${id}/close`, {
      validTo: '2099-12-31',
      successorIds: [snvId],
      reason: 'Nhầm',
      version: 1,
    });
    expect(closed.json.isActive).toBe(false);
    const reopened = await admin.request('POST', `/api/units/${id}/reopen`, {
      reason: 'Giải thể nhầm',
      version: 2,
    });
    expect(reopened.json).toMatchObject({ isActive: true, validTo: null, successors: [], canEdit: true });
    const again = await admin.request('POST', `/api/units/${id}/reopen`, { reason: 'x', version: 3 });
    expect(again.status).toBe(409);
  });

  it('refuses to close a unit that still has active children', async () => {
    const detail = await admin.request('GET', `/api/units/${provinceId}`);
    const refused = await admin.request('POST', `/api/units/${provinceId}/close`, {
      validTo: '2026-01-01',
      reason: 'thử',
      version: detail.json.version,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/trực thuộc/);
  });

  it('names each invalid field in Vietnamese', async () => {
    const refused = await admin.request('POST', '/api/units', {
      name: '',
      type: 'village',
      parentId: snvId,
      headEmail: 'x@',
      validFrom: '32/13/2025',
    });
    expect(refused.status).toBe(400);
    const paths = refused.json.error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['headEmail', 'name', 'type', 'validFrom']);
    expect(refused.json.error.message).toMatch(/Vui lòng nhập tên đơn vị/);
  });
});

describe('import and export', () => {
  const csv = (lines: string[]) => Buffer.from(lines.join('\n'));

  it('imports a CSV: creates new units and updates existing ones by code', async () => {
    const before = await countUnits();
    const file = csv([
      'Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Thủ trưởng,Điện thoại',
      'SYT.TTYT,Trung tâm Y tế khu vực,Phòng,33.SYT,,',
      '33.SYT,Sở Y tế,Sở,33,Lê Văn C,0221 3555 111',
    ]);
    const dry = await importFile(admin, 'don-vi.csv', file, true);
    expect(dry).toEqual({ status: 200, json: { created: 1, updated: 1, dryRun: true } });
    expect(await countUnits()).toBe(before);
    const done = await importFile(admin, 'don-vi.csv', file);
    expect(done.json).toEqual({ created: 1, updated: 1, dryRun: false });
    expect(await countUnits()).toBe(before + 1);
    const syt = await admin.request('GET', `/api/units/${await unitIdByCode(t.database, '33.SYT')}`);
    expect(syt.json.headName).toBe('Lê Văn C');
  });

  it('refuses a file with one bad row, naming row, column and reason, and writes nothing', async () => {
    const before = await countUnits();
    const auditBefore = (await admin.request('GET', '/api/audit?perPage=1')).json.total;
    const file = csv([
      'code,name,type,parentCode',
      'NEW.1,Đơn vị mới 1,office,33.SNV',
      'NEW.2,Đơn vị mới 2,hợp tác xã,33.SNV',
      'NEW.3,Đơn vị mới 3,office,33.SNV',
    ]);
    const refused = await importFile(admin, 'bad.csv', file);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('IMPORT_REJECTED');
    expect(refused.json.error.details.rows).toEqual([
      { row: 3, column: 'Loại đơn vị', reason: 'Loại đơn vị "hợp tác xã" không hợp lệ.' },
    ]);
    expect(await countUnits()).toBe(before);
    expect((await admin.request('GET', '/api/audit?perPage=1')).json.total).toBe(auditBefore);
  });

  it('imports .xlsx, refuses legacy encodings and other file types', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Đơn vị');
    sheet.addRow(['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Mã đơn vị cấp trên', 'Ngày hiệu lực']);
    sheet.addRow([
      'XLSX.1',
      'Ban Quản lý các khu công nghiệp',
      'Sở, ban, ngành',
      '33',
      new Date(Date.UTC(2025, 6, 1)),
    ]);
    const done = await importFile(admin, 'units.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(done.json).toMatchObject({ created: 1 });
    const unit = await admin.request('GET', `/api/units/${await unitIdByCode(t.database, 'XLSX.1')}`);
    expect(unit.json).toMatchObject({ type: 'department', validFrom: '2025-07-01' });

    // "Sở Nội vụ" in TCVN3 is not UTF-8.
    const legacy = Buffer.concat([
      Buffer.from('code,name,type\nA,S'),
      Buffer.from([0xa8, 0xab]),
      Buffer.from(' Néi vô,office\n'),
    ]);
    const refused = await importFile(admin, 'tcvn3.csv', legacy);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/TCVN3/);
    expect((await importFile(admin, 'units.exe', Buffer.from('MZ'))).json.error.code).toBe(
      'UNSUPPORTED_FILE',
    );
  });

  it('refuses an import from a user without the right', async () => {
    const refused = await importFile(coordinator, 'x.csv', csv(['code,name,type', 'Q,Q,office']));
    expect(refused.status).toBe(403);
  });

  it('exports the units as .xlsx that reads back, and as CSV that imports back unchanged', async () => {
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/units/export?format=xlsx',
      headers: { cookie: coordinator.cookie },
    });
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Tên đơn vị');
    const names = sheet.getColumn(2).values as string[];
    expect(names).toContain('Phường Phố Hiến');
    expect(names).not.toContain('Phường Dị Sử');

    const csvExport = await t.app.inject({
      method: 'GET',
      url: '/api/units/export?format=csv',
      headers: { cookie: admin.cookie },
    });
    const before = await countUnits();
    const reimported = await importFile(admin, 'export.csv', csvExport.rawPayload);
    expect(reimported.json.created).toBe(0);
    expect(reimported.json.updated).toBeGreaterThan(100);
    expect(await countUnits()).toBe(before);
  });
});
