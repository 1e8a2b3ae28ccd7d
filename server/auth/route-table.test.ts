import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, freshSession, type Side, TABLE_ROLES, type World } from '../test/access-world.ts';
import type { Session, TestApp } from '../test/harness.ts';
import { createTestApp } from '../test/harness.ts';
import { ROUTE_TABLE, type TableCall } from '../test/route-table.ts';

/**
 * Every route × every role × commune A's own record and commune B's → the status expected. A route
 * added without a row here fails the first test, so a new route cannot ship without its answers.
 * Writes that would change a shared record send a stale version (an allowed caller gets 409 and
 * nothing changes) or act on a record built for that one request.
 */
let t: TestApp;
let world: World;
beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
}, 120_000);
afterAll(() => t.close());

/** Routes the table does not list: HEAD answers as its GET does; the OpenAPI viewer is public. */
const isListed = (method: string, url: string) => method !== 'HEAD' && !url.startsWith('/api/docs');

describe('route × role × record', () => {
  it('has a row for every registered route, and no row for a route that is gone', () => {
    const registered = t.app.routePolicies
      .filter((route) => isListed(route.method, route.url) && route.url !== '/*')
      .map((route) => `${route.method} ${route.url}`);
    expect(registered.filter((key) => !(key in ROUTE_TABLE))).toEqual([]);
    expect(Object.keys(ROUTE_TABLE).filter((key) => !registered.includes(key))).toEqual([]);
  });

  for (const [key, row] of Object.entries(ROUTE_TABLE)) {
    it(key, async () => {
      const [method] = key.split(' ') as ['GET'];
      const actual: Record<'own' | 'other', string[]> = { own: [], other: [] };
      for (const target of ['own', 'other'] as const) {
        const side: Side = target === 'own' ? world.A : world.B;
        for (const role of TABLE_ROLES) {
          const session = row.freshSession ? await freshSession(t, role) : world.sessions[role];
          const call = await row.call({ world, side, role });
          actual[target].push(String(await send(method, session, call)));
        }
      }
      const got = { own: actual.own.join(' '), other: actual.other.join(' ') };
      if (process.env.ROUTE_TABLE_PRINT) console.log(`ROW ${key} | ${got.own} | ${got.other}`);
      expect(got, `${TABLE_ROLES.join(' ')}`).toEqual({ own: row.own, other: row.other ?? row.own });
    }, 60_000);
  }
});

async function send(method: 'GET', session: Session | null, call: TableCall): Promise<number> {
  const headers: Record<string, string> = session
    ? { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) }
    : {};
  if (call.file) {
    const boundary = '----chisotable';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${call.file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(call.file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    return (await t.app.inject({ method, url: call.url, headers, payload, ...address(call) })).statusCode;
  }
  const reply = await t.app.inject({
    method,
    url: call.url,
    headers,
    ...address(call),
    ...(call.body === undefined ? {} : { payload: call.body as object }),
  });
  return reply.statusCode;
}

const address = (call: TableCall) => (call.remoteAddress ? { remoteAddress: call.remoteAddress } : {});
