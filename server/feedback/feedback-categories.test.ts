import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, feedbackCategories, feedbackItems } from '../db/schema/index.ts';
import { readTable } from '../files/tabular.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { petition, submitJson } from './feedback-fixtures.ts';

/**
 * The province's own list of categories: added (a code made once from the Vietnamese name), renamed,
 * reordered, retired and restored, deleted only when nobody used it; saved whole over the version read.
 * A retired category leaves the citizen's form, staff entry and Open311, and still names old items.
 */
let t: TestApp;
let coordinator: Session;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-12-03T09:00:00+07:00') });
  coordinator = await signInAs(t, 'coordinator', '33');
});
afterAll(() => t.close());

interface Category {
  code: string;
  nameVi: string;
  nameEn: string;
  position: number;
  isActive: boolean;
  used: boolean;
}
interface Form {
  categories: Category[];
  version: number;
  created?: { key: string; code: string }[];
}
type Line = { code: string | null; key?: string; nameVi: string; nameEn?: string | null; isActive: boolean };

const read = async (): Promise<Form> => (await coordinator.request('GET', '/api/feedback/categories')).json;
const linesOf = (form: Form): Line[] =>
  form.categories.map(({ code, nameVi, nameEn, isActive }) => ({ code, nameVi, nameEn, isActive }));
const save = (categories: Line[], version: number) =>
  coordinator.request('PUT', '/api/feedback/categories', { categories, version });

/** The categories the citizen's form offers, by code, in their order. */
async function formOptions(): Promise<string[]> {
  const page = await t.app.inject({ url: '/phan-anh' });
  const select = page.body.split('id="categoryCode"')[1]?.split('</select>')[0] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1] as string);
}
async function services(): Promise<string[]> {
  const reply = await t.app.inject({ url: '/open311/v2/services.json' });
  return reply.json().map((service: { service_code: string }) => service.service_code);
}

const SEEDED = [
  'administrative_procedures',
  'land',
  'environment',
  'order_security',
  'infrastructure',
  'social_policy',
  'official_attitude',
  'other',
];

describe('the list of categories', () => {
  it('reads every category with whether it is used, at version 0 before the first save', async () => {
    const form = await read();
    expect(form.version).toBe(0);
    expect(form.categories.map((category) => [category.code, category.position, category.isActive])).toEqual(
      SEEDED.map((code, index) => [code, index + 1, true]),
    );
    expect(await formOptions()).toEqual(SEEDED);
  });

  it('adds a category: the code from the Vietnamese name, unique, the English name falling back', async () => {
    const form = await read();
    const added = await save(
      [
        ...linesOf(form),
        { code: null, key: 'n1', nameVi: '  Giao thông   đường bộ ', nameEn: '', isActive: true },
        { code: null, key: 'n2', nameVi: 'Land', nameEn: null, isActive: true },
      ],
      form.version,
    );
    expect(added.status).toBe(200);
    expect(added.json.created).toEqual([
      { key: 'n1', code: 'giao_thong_duong_bo' },
      { key: 'n2', code: 'land_2' },
    ]);
    expect(added.json.version).toBe(1);
    expect(added.json.categories.slice(8)).toEqual([
      {
        code: 'giao_thong_duong_bo',
        nameVi: 'Giao thông đường bộ',
        nameEn: 'Giao thông đường bộ',
        position: 9,
        isActive: true,
        used: false,
      },
      { code: 'land_2', nameVi: 'Land', nameEn: 'Land', position: 10, isActive: true, used: false },
    ]);
    expect(await formOptions()).toEqual([...SEEDED, 'giao_thong_duong_bo', 'land_2']);
    expect(await services()).toEqual([...SEEDED, 'giao_thong_duong_bo', 'land_2']);
    const sent = await submitJson(t, petition({ categoryCode: 'giao_thong_duong_bo' }));
    expect(sent.status).toBe(201);
    const [audit] = await t.database.db
      .select({ after: auditEvents.after, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'settings.feedback_categories'), eq(auditEvents.entityType, 'settings')),
      );
    expect(((audit?.after ?? []) as Category[]).map((row) => row.code)).toEqual([
      ...SEEDED,
      'giao_thong_duong_bo',
      'land_2',
    ]);
  });

  it('renames and reorders; the code never changes', async () => {
    const form = await read();
    const lines = linesOf(form);
    const road = lines.find((line) => line.code === 'giao_thong_duong_bo') as Line;
    const renamed = await save(
      [
        { ...road, nameVi: 'Giao thông', nameEn: 'Transport' },
        ...lines.filter((line) => line !== road && line.code !== 'land_2'),
        { ...(lines.find((line) => line.code === 'land_2') as Line), nameVi: 'Đất công', nameEn: '' },
      ],
      form.version,
    );
    expect(renamed.status).toBe(200);
    expect(renamed.json.categories[0]).toEqual({
      code: 'giao_thong_duong_bo',
      nameVi: 'Giao thông',
      nameEn: 'Transport',
      position: 1,
      isActive: true,
      used: true,
    });
    expect(renamed.json.categories[9]).toMatchObject({ code: 'land_2', nameEn: 'Đất công', position: 10 });
    expect(await formOptions()).toEqual(['giao_thong_duong_bo', ...SEEDED, 'land_2']);
    const english = await t.app.inject({ url: '/open311/v2/services.json?locale=en' });
    expect(english.json()[0]).toMatchObject({
      service_code: 'giao_thong_duong_bo',
      service_name: 'Transport',
    });
  });

  it('retires a category: gone from the form, staff entry and Open311, kept on the items filed under it', async () => {
    const sent = await submitJson(t, petition({ categoryCode: 'environment', communeCode: '11980' }));
    expect(sent.status).toBe(201);
    const form = await read();
    const retired = await save(
      linesOf(form).map((line) => (line.code === 'environment' ? { ...line, isActive: false } : line)),
      form.version,
    );
    expect(retired.status).toBe(200);
    expect(
      retired.json.categories.find((category: Category) => category.code === 'environment'),
    ).toMatchObject({ isActive: false, used: true });
    expect(await formOptions()).not.toContain('environment');
    expect(await services()).not.toContain('environment');
    const choices = (await t.app.inject({ url: '/api/public/feedback/form' })).json();
    expect(choices.categories.map((category: { code: string }) => category.code)).not.toContain(
      'environment',
    );
    const refused = await submitJson(t, petition({ categoryCode: 'environment' }));
    expect(refused.status).toBe(400);
    const staffEntry = await coordinator.request('POST', '/api/feedback', {
      ...petition({ categoryCode: 'environment' }),
      channel: 'hotline',
    });
    expect(staffEntry.status).toBe(400);
    const definition = await t.app.inject({ url: '/open311/v2/services/environment.json' });
    expect(definition.statusCode).toBe(404);

    // The item sent before still names its category everywhere.
    const [item] = await t.database.db
      .select({ id: feedbackItems.id })
      .from(feedbackItems)
      .where(eq(feedbackItems.code, sent.json.code));
    const detail = await coordinator.request('GET', `/api/feedback/${item?.id}`);
    expect(detail.json.categoryName).toEqual({ vi: 'Môi trường', en: 'Environment' });
    const commune = await unitIdByCode(t.database, '11980');
    const inbox = await coordinator.request('GET', `/api/feedback?unitId=${commune}&q=${sent.json.code}`);
    expect(inbox.json.items.map((row: { categoryName: string }) => row.categoryName)).toEqual(['Môi trường']);
    const exported = await t.app.inject({
      url: `/api/feedback/export.xlsx?unitId=${commune}&q=${sent.json.code}`,
      headers: { cookie: coordinator.cookie },
    });
    const table = await readTable(exported.rawPayload, 'xlsx');
    expect(table.rows.map((row) => row[table.headers.indexOf('Lĩnh vực')])).toEqual(['Môi trường']);
    const listed = (
      await t.app.inject({ url: '/api/public/feedback?communeCode=11980&categoryCode=environment' })
    ).json();
    expect(listed.items.map((row: { code: string; category: unknown }) => [row.code, row.category])).toEqual([
      [sent.json.code, { vi: 'Môi trường', en: 'Environment' }],
    ]);
    const publicPage = await t.app.inject({ url: `/api/public/feedback/${sent.json.code}` });
    expect(publicPage.body).toContain('Môi trường');

    // Brought back, it is offered again.
    const again = await read();
    const restored = await save(
      linesOf(again).map((line) => (line.code === 'environment' ? { ...line, isActive: true } : line)),
      again.version,
    );
    expect(restored.status).toBe(200);
    expect(await services()).toContain('environment');
  });

  it('deletes a category nobody used, never one an item or a routing line uses', async () => {
    const routing = (await coordinator.request('GET', '/api/feedback/routing')).json;
    const department = await unitIdByCode(t.database, '33.SNV');
    const routed = await coordinator.request('PUT', '/api/feedback/routing', {
      rules: [{ categoryCode: 'land_2', unitId: null, handlingUnitId: department }],
      version: routing.version,
    });
    expect(routed.status).toBe(200);
    const form = await read();
    expect(form.categories.find((category) => category.code === 'land_2')?.used).toBe(true);
    const byItem = await save(
      linesOf(form).filter((line) => line.code !== 'environment'),
      form.version,
    );
    expect([byItem.status, byItem.json.error.message]).toEqual([
      400,
      'Lĩnh vực "Môi trường" đã có phản ánh hoặc dòng phân công dùng đến nên không xóa được: hãy cho thôi dùng.',
    ]);
    const byRoute = await save(
      linesOf(form).filter((line) => line.code !== 'land_2'),
      form.version,
    );
    expect([byRoute.status, byRoute.json.error.details.fields[0].path]).toEqual([400, 'categories']);
    expect(byRoute.json.error.message).toContain('"Đất công"');

    const withSpare = await save(
      [...linesOf(form), { code: null, nameVi: 'Thử nghiệm', isActive: true }],
      form.version,
    );
    expect(withSpare.status).toBe(200);
    expect(withSpare.json.categories.at(-1)).toMatchObject({ code: 'thu_nghiem', used: false });
    const deleted = await save(
      linesOf(withSpare.json).filter((line) => line.code !== 'thu_nghiem'),
      withSpare.json.version,
    );
    expect(deleted.status).toBe(200);
    const rows = await t.database.db
      .select()
      .from(feedbackCategories)
      .where(eq(feedbackCategories.code, 'thu_nghiem'));
    expect(rows).toEqual([]);
    // The routing table keeps its line; cleared for the tests after this one.
    const back = (await coordinator.request('GET', '/api/feedback/routing')).json;
    await coordinator.request('PUT', '/api/feedback/routing', { rules: [], version: back.version });
  });

  it('refuses, naming the line: no Vietnamese name, a repeated name, no active category left', async () => {
    const form = await read();
    const lines = linesOf(form);
    const unnamed = await save(
      lines.map((line, index) => (index === 2 ? { ...line, nameVi: '  ' } : line)),
      form.version,
    );
    expect([unnamed.status, unnamed.json.error.message, unnamed.json.error.details.fields[0].path]).toEqual([
      400,
      'Dòng 3: hãy nhập tên lĩnh vực bằng tiếng Việt.',
      'categories.2.nameVi',
    ]);
    const repeated = await save([...lines, { code: null, nameVi: 'dat dai', isActive: true }], form.version);
    expect([repeated.status, repeated.json.error.message]).toEqual([
      400,
      `Dòng ${lines.length + 1}: tên "dat dai" trùng với dòng 3.`,
    ]);
    const none = await save(
      lines.map((line) => ({ ...line, isActive: false })),
      form.version,
    );
    expect([none.status, none.json.error.message]).toEqual([
      400,
      'Phải còn ít nhất một lĩnh vực đang dùng để người dân chọn.',
    ]);
    const unknown = await save([{ code: 'no_such', nameVi: 'Không có', isActive: true }], form.version);
    expect(unknown.status).toBe(400);
    // Nothing of the refused saves was written, the version included.
    expect(await read()).toEqual(form);
  });

  it('answers a stale save with 409 and the list as it is now', async () => {
    const form = await read();
    const stale = await save(linesOf(form), form.version - 1);
    expect([stale.status, stale.json.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(stale.json.error.details.current.version).toBe(form.version);
    expect(
      stale.json.error.details.current.record.categories.map((category: Category) => category.code),
    ).toEqual(form.categories.map((category) => category.code));
    expect(stale.json.error.details.current.updatedBy.name).toBeTruthy();
  });

  it('is the province’s: a commune’s reporter and a department’s coordinator neither read nor save it', async () => {
    const form = await read();
    const reporter = await signInAs(t, 'unit_reporter', '11953');
    const department = await signInAs(t, 'coordinator', '33.SNV');
    for (const [session, code] of [
      [reporter, 'FORBIDDEN'],
      [department, 'INSTALLATION_WIDE_ONLY'],
    ] as const) {
      const got = await session.request('GET', '/api/feedback/categories');
      expect([got.status, got.json.error.code]).toEqual([403, code]);
      const put = await session.request('PUT', '/api/feedback/categories', {
        categories: linesOf(form),
        version: form.version,
      });
      expect([put.status, put.json.error.code]).toEqual([403, code]);
    }
    expect(await read()).toEqual(form);
  });
});
