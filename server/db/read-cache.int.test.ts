import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import {
  buildUser,
  createTestApp,
  type Session,
  signIn,
  TEST_PG_URL,
  type TestApp,
  unitIdByCode,
} from '../test/harness.ts';
import { CHANGE_CHANNEL } from './read-cache.ts';

let t: TestApp;
let admin: Session;
let snvId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t, 'admin', null);
  snvId = await unitIdByCode(t.database, '33.SNV');
});
afterAll(() => t.close());

const LIST = '/api/units?q=so%20noi%20vu&perPage=5';
const listedNames = async (session: Session) =>
  ((await session.request('GET', LIST)).json.items as { name: string }[]).map((unit) => unit.name);

describe('read caches never show a change late to the process that made it', () => {
  it('a cached list shows an edit at once', async () => {
    const before = await listedNames(admin);
    expect(before).toContain('Sở Nội vụ');
    expect(await listedNames(admin)).toEqual(before);
    const { json: unit } = await admin.request('GET', `/api/units/${snvId}`);
    const edited = await admin.request('PATCH', `/api/units/${snvId}`, {
      code: unit.code,
      type: unit.type,
      name: 'Sở Nội vụ tỉnh Hưng Yên',
      version: unit.version,
    });
    expect(edited.status).toBe(200);
    expect(await listedNames(admin)).toContain('Sở Nội vụ tỉnh Hưng Yên');
  });

  it('a signed-out session is refused at once, though it was cached', async () => {
    const user = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
    const session = await signIn(t.app, user.username);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await session.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('a role taken away applies to the next request', async () => {
    const user = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
    const session = await signIn(t.app, user.username);
    expect((await session.request('GET', LIST)).status).toBe(200);
    const { rows } = await t.database.pool.query('select id from role_grants where user_id = $1', [user.id]);
    for (const grant of rows as { id: number }[]) {
      expect((await admin.request('DELETE', `/api/users/${user.id}/grants/${grant.id}`)).status).toBe(200);
    }
    expect((await session.request('GET', LIST)).status).toBe(403);
  });

  it.runIf(TEST_PG_URL !== undefined)(
    'on PostgreSQL, a change committed by another process reaches this one through NOTIFY',
    async () => {
      const before = await listedNames(admin);
      const other = new pg.Client({
        connectionString: (t.database.pool.options as { connectionString: string }).connectionString,
      });
      await other.connect();
      try {
        await other.query(`update units set name = 'Sở Nội vụ (đổi từ nơi khác)' where id = $1`, [snvId]);
        await other.query(`select pg_notify('${CHANGE_CHANNEL}', '')`);
      } finally {
        await other.end();
      }
      let names = before;
      for (let attempt = 0; attempt < 100 && !names.includes('Sở Nội vụ (đổi từ nơi khác)'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        names = await listedNames(admin);
      }
      expect(names).toContain('Sở Nội vụ (đổi từ nơi khác)');
    },
  );
});
