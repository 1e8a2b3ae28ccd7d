import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildUser,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  unitIdByCode,
} from '../test/harness.ts';

/** Refusals are worded in the reader's language: the page's (`x-chiso-locale`), else Vietnamese. */

let t: TestApp;
let english: Session;
let vietnamese: Session;
let unheaded: Session;
let snvId: number;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await buildUser(t.database, [{ role: 'admin', unitCode: null }]);
  english = await signIn(t.app, admin.username, undefined, { 'x-chiso-locale': 'en' });
  vietnamese = await signIn(t.app, admin.username, undefined, { 'x-chiso-locale': 'vi' });
  unheaded = await signIn(t.app, admin.username);
  snvId = await unitIdByCode(t.database, '33.SNV');
});
afterAll(() => t.close());

const badUnit = { name: '', type: 'office', parentId: 0 };

describe('a refusal in the reader’s language', () => {
  it('a field refused by the shared schema: the message and the field in English', async () => {
    const refused = await english.request('POST', '/api/units', { ...badUnit, parentId: snvId });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'name: Enter the unit name.',
      details: { fields: [{ path: 'name', message: 'Enter the unit name.' }] },
    });
    const same = await vietnamese.request('POST', '/api/units', { ...badUnit, parentId: snvId });
    expect(same.json.error.details.fields).toEqual([{ path: 'name', message: 'Vui lòng nhập tên đơn vị.' }]);
    // No header and an account in Vietnamese: Vietnamese.
    const plain = await unheaded.request('POST', '/api/units', { ...badUnit, parentId: snvId });
    expect(plain.json.error.message).toBe('name: Vui lòng nhập tên đơn vị.');
  });

  it('a field refused by a service (a code already used) names the field in English', async () => {
    const refused = await english.request('POST', '/api/units', {
      code: '33.SNV',
      name: 'Sở trùng mã',
      type: 'department',
      parentId: await unitIdByCode(t.database, '33'),
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.fields).toEqual([
      { path: 'code', message: 'The code "33.SNV" is already used by the unit "Sở Nội vụ".' },
    ]);
  });

  it('an import row: the reason and the message in English, the column as the file names it', async () => {
    const file = Buffer.from(['code,name,type,parentCode', 'EN.1,Đơn vị,hợp tác xã,33.SNV'].join('\n'));
    const refused = await english.upload('/api/units/import', 'bad.csv', file);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      code: 'IMPORT_REJECTED',
      message:
        'The file has 1 error; nothing was written. First error — row 2, column "Loại đơn vị": The unit type "hợp tác xã" is not valid.',
      details: {
        rows: [{ row: 2, column: 'Loại đơn vị', reason: 'The unit type "hợp tác xã" is not valid.' }],
      },
    });
    const same = await vietnamese.upload('/api/units/import', 'bad.csv', file);
    expect(same.json.error.details.rows).toEqual([
      { row: 2, column: 'Loại đơn vị', reason: 'Loại đơn vị "hợp tác xã" không hợp lệ.' },
    ]);
  });

  it('a conflict, a general refusal and an unknown address in English', async () => {
    const unit = await english.request('GET', `/api/units/${snvId}`);
    const conflict = await english.request('POST', `/api/units/${snvId}/reopen`, {
      reason: 'thử',
      version: unit.json.version,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error).toEqual({ code: 'CONFLICT', message: 'The unit is active.' });
    const vi = await vietnamese.request('POST', `/api/units/${snvId}/reopen`, {
      reason: 'thử',
      version: unit.json.version,
    });
    expect(vi.json.error.message).toBe('Đơn vị đang hoạt động.');
    const missing = await english.request('GET', '/api/units/999999');
    expect(missing.json.error).toEqual({ code: 'NOT_FOUND', message: 'Unit not found.' });
    const nowhere = await english.request('GET', '/api/no-such-thing');
    expect(nowhere.json.error).toEqual({ code: 'NOT_FOUND', message: 'Not found.' });
  });

  it('before signing in, the page’s language alone decides', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-chiso-locale': 'en' },
      payload: { username: 'nobody', password: 'wrong-password-1' },
    });
    expect(refused.json().error).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'Wrong username or password.',
    });
  });
});
