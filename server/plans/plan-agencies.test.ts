import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyMatch, PlanDetail } from '../../core/plans/plan-views.ts';
import type { ParsedPlan } from '../../core/plans/types.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { agencyKey } from '../../core/units/agency-key.ts';
import { planInputOf, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { agencyKeySql } from './plan-agencies.ts';

/**
 * Agencies as documents name them: a department of before 2025 suggested as today's, an abbreviated
 * name found as the unit, the communes and the departments as groups, a district followed to the
 * communes that succeeded it, and what stays unmapped saying why.
 */

let t: TestApp;
let coordinator: Session;
let provinceId: number;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  provinceId = await unitIdByCode(t.database, '33');
});
afterAll(() => t.close());

const TEXT = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH HƯNG YÊN',
  'Số: 40/KH-UBND',
  'Hưng Yên, ngày 10 tháng 3 năm 2024',
  'KẾ HOẠCH',
  'Cải thiện Chỉ số PAPI năm 2024',
  'II. NHIỆM VỤ, GIẢI PHÁP',
  '1. Sở Tài nguyên và Môi trường chủ trì công khai quy hoạch sử dụng đất, hoàn thành trước ngày 30/6/2024.',
  '2. Văn phòng UBND tỉnh thường xuyên theo dõi việc giải quyết thủ tục hành chính.',
  '3. UBND các xã, phường niêm yết công khai thủ tục hành chính hằng quý.',
  '4. Các sở, ban, ngành tỉnh rà soát quy trình nội bộ.',
  '5. UBND thành phố Hưng Yên tổ chức đối thoại với người dân.',
  '6. Ban Dân tộc tỉnh tuyên truyền chính sách dân tộc.',
  '7. UBND huyện Khoái Châu tổ chức tiếp công dân.',
].join('\n');

interface Preview {
  plan: ParsedPlan;
  agencies: AgencyMatch[];
}

const countActive = async (type: string) =>
  Number(
    (
      await t.database.pool.query(
        `select count(*) as n from units where type = $1 and valid_to is null
           and path like (select path from units where id = $2) || '%'`,
        [type, provinceId],
      )
    ).rows[0].n,
  );

const unitOf = async (code: string) => {
  const id = await unitIdByCode(t.database, code);
  const row = (await t.database.pool.query('select name from units where id = $1', [id])).rows[0];
  return { id, name: row.name as string };
};

describe('agencies as documents name them', () => {
  let preview: Preview;
  beforeAll(async () => {
    const response = await coordinator.request('POST', '/api/plans/preview', { text: TEXT });
    expect(response.status).toBe(200);
    preview = response.json;
  });
  const agency = (name: string) => preview.agencies.find((entry) => entry.name === name);

  it('reads the tasks’ leads, deadlines (the year end by default) and recurrences', () => {
    expect(
      preview.plan.tasks.map((task) => [
        task.ref,
        task.lead,
        task.due,
        task.dueDefaulted ?? false,
        task.recurrence,
      ]),
    ).toEqual([
      ['II.1', ['Sở Tài nguyên và Môi trường'], '2024-06-30', false, null],
      ['II.2', ['Văn phòng UBND tỉnh'], '2024-12-31', true, 'continuous'],
      ['II.3', ['UBND cấp xã'], '2024-12-31', true, 'quarterly'],
      ['II.4', ['Các sở, ban, ngành'], '2024-12-31', true, null],
      ['II.5', ['UBND thành phố Hưng Yên'], '2024-12-31', true, null],
      ['II.6', ['Ban Dân tộc tỉnh'], '2024-12-31', true, null],
      ['II.7', ['UBND huyện Khoái Châu'], '2024-12-31', true, null],
    ]);
  });

  it('suggests today’s department for one reorganised in 2025, saying why', async () => {
    const snnmt = await unitOf('33.SNNMT');
    expect(snnmt.name).toBe('Sở Nông nghiệp và Môi trường');
    expect(agency('Sở Tài nguyên và Môi trường')).toEqual({
      name: 'Sở Tài nguyên và Môi trường',
      unit: snnmt,
      group: null,
      source: 'successor',
      suggestion: {
        units: [snnmt],
        reason: {
          vi: 'Đơn vị kế thừa từ 01/03/2025 (Nghị định 45/2025/NĐ-CP): Sở Tài nguyên và Môi trường nay là Sở Nông nghiệp và Môi trường.',
          en: 'Successor since 01/03/2025 (Nghị định 45/2025/NĐ-CP): Sở Tài nguyên và Môi trường is now Sở Nông nghiệp và Môi trường.',
        },
      },
      note: null,
    });
  });

  it('finds "Văn phòng UBND tỉnh" as the unit "Văn phòng Ủy ban nhân dân tỉnh"', async () => {
    const office = (
      await t.database.pool.query(
        `select id, name from units where name = 'Văn phòng Ủy ban nhân dân tỉnh' and valid_to is null`,
      )
    ).rows[0];
    expect(office.name).toBe('Văn phòng Ủy ban nhân dân tỉnh');
    expect(agency('Văn phòng UBND tỉnh')).toEqual({
      name: 'Văn phòng UBND tỉnh',
      unit: { id: office.id, name: 'Văn phòng Ủy ban nhân dân tỉnh' },
      group: null,
      source: 'name',
      suggestion: null,
      note: null,
    });
  });

  it('reads "UBND các xã, phường" and "Các sở, ban, ngành tỉnh" as groups with their members today', async () => {
    const communes = await countActive('commune');
    const departments = await countActive('department');
    expect([communes, departments]).toEqual([104, 12]);
    expect(agency('UBND cấp xã')).toMatchObject({
      unit: null,
      group: { key: 'type:commune', name: 'Tất cả xã, phường', memberCount: 104 },
      source: 'group',
    });
    expect(agency('Các sở, ban, ngành')).toMatchObject({
      unit: null,
      group: { key: 'type:department', name: 'Tất cả sở, ban, ngành', memberCount: 12 },
      source: 'group',
    });
  });

  it('follows a district closed in 2025 to the communes that succeeded it', async () => {
    const successors = await Promise.all(['11953', '11980', '11983'].map(unitOf));
    const match = agency('UBND thành phố Hưng Yên');
    expect(match).toMatchObject({ unit: null, group: null, source: 'successor', note: null });
    expect(match?.suggestion?.units.map((unit) => unit.id).sort()).toEqual(
      successors.map((unit) => unit.id).sort(),
    );
    expect(match?.suggestion?.reason.vi).toBe(
      `Đơn vị kế thừa từ 01/07/2025 của Thành phố Hưng Yên: ${match?.suggestion?.units.map((unit) => unit.name).join(', ')}.`,
    );
  });

  it('leaves unmapped, saying why, a successor the province lacks and a district the data does not know', () => {
    expect(agency('Ban Dân tộc tỉnh')).toMatchObject({ unit: null, source: null, suggestion: null });
    expect(agency('Ban Dân tộc tỉnh')?.note?.vi).toBe(
      'Ban Dân tộc tỉnh nay là Sở Dân tộc và Tôn giáo (Nghị định 45/2025/NĐ-CP), nhưng danh sách đơn vị chưa có Sở Dân tộc và Tôn giáo; ở tỉnh không lập Sở Dân tộc và Tôn giáo, công tác dân tộc giao Sở Nội vụ: hãy chọn đơn vị.',
    );
    expect(agency('UBND huyện Khoái Châu')).toMatchObject({ unit: null, source: null, suggestion: null });
    expect(agency('UBND huyện Khoái Châu')?.note?.vi).toMatch(
      /^Cấp huyện kết thúc hoạt động từ 01\/07\/2025/,
    );
  });

  it('saves the accepted suggestions: the task goes to today’s department and to the district’s communes', async () => {
    const snnmt = await unitOf('33.SNNMT');
    const district = agency('UBND thành phố Hưng Yên');
    const communeIds = district?.suggestion?.units.map((unit) => unit.id) ?? [];
    // What the review screen sends when the person accepts every suggestion as shown.
    const input = planInputOf(preview, { unitId: provinceId, year: 2024 });
    expect(input.agencies.find((entry) => entry.name === 'UBND thành phố Hưng Yên')?.unitIds).toEqual(
      communeIds,
    );
    const saved = await coordinator.request('POST', '/api/plans', input);
    expect(saved.status).toBe(201);
    const detail = saved.json as PlanDetail;
    const task = (ref: string) => detail.items.find((item) => item.ref === ref);
    expect(task('II.1')).toMatchObject({ lead: [snnmt], leadNames: ['Sở Tài nguyên và Môi trường'] });
    expect(task('II.1')?.due).toBe('2024-06-30');
    expect(task('II.2')).toMatchObject({ due: '2024-12-31', recurrence: 'continuous' });
    expect(
      task('II.5')
        ?.lead.map((unit) => unit.id)
        .sort(),
    ).toEqual([...communeIds].sort());
    expect(task('II.3')?.leadGroups).toEqual([
      { key: 'type:commune', name: 'Tất cả xã, phường', memberCount: 104 },
    ]);
    // The department's name is remembered for the next import; the district's several communes are not.
    const aliases = await t.database.pool.query(
      'select name_key, unit_id from agency_aliases where name_key = any($1) order by name_key',
      [[foldVietnamese('Sở Tài nguyên và Môi trường'), foldVietnamese('UBND thành phố Hưng Yên')]],
    );
    expect(aliases.rows).toEqual([{ name_key: 'so tai nguyen va moi truong', unit_id: snnmt.id }]);
  });
});

describe('the agency key in the database', () => {
  it('gives the same key as the core for every spelling', async () => {
    const names = [
      'Văn phòng Ủy ban nhân dân tỉnh',
      'Văn phòng UBND tỉnh',
      'Văn phòng Đoàn ĐBQH và Hội đồng nhân dân tỉnh',
      'Trung tâm Phục vụ hành chính công',
      'Sở Lao động – Thương binh và Xã hội',
      'UBND huyện Tiên Lữ',
      'Ủy ban nhân dân phường Hiến Nam',
      'Sở TT&TT',
      '  Thị xã  Mỹ Hào ',
    ];
    const result = await t.database.db.execute<{ key: string }>(
      sql`select ${agencyKeySql(sql`v.folded`)} as key from (values ${sql.join(
        names.map((name, i) => sql`(${i}::int, ${foldVietnamese(name)})`),
        sql`, `,
      )}) as v(i, folded) order by v.i`,
    );
    expect(result.rows.map((row) => row.key)).toEqual(names.map(agencyKey));
  });
});
