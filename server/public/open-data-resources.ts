import { and, asc, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { DISCLOSURE_PLACES } from '../../core/disclosures/catalogue.ts';
import { PAPI_DIMENSIONS, PAPI_GROUP_NAMES } from '../../core/indices/papi.ts';
import { type Field, tableSchema } from '../../core/open-data/table-schema.ts';
import { dimensionName, ITEM_STATUS_NAMES } from '../../core/plans/plan-views.ts';
import { PROJECT_STATUSES } from '../../core/projects/books.ts';
import type { PublicProjectQuery } from '../../core/projects/project-schemas.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { publicObligations } from '../disclosures/disclosure-public.ts';
import { findPapiResults, papiYears, provincesSince2025 } from '../indices/index-service.ts';
import { publicProjects } from '../projects/project-public.ts';
import type { OpenResource } from './open-data.ts';
import { publicPlan, publishedPlans } from './public-plans.ts';
import { publishedResults, publishedRounds } from './round-pages.ts';

/** The open-data resources of the site's own areas: PAPI by year, published rounds and plans, contacts. */
const round2 = (value: number | null) => (value === null ? null : Math.round(value * 1e6) / 1e6);

export async function papiResources(db: Db): Promise<OpenResource[]> {
  const mergedInto = new Map(
    provincesSince2025().flatMap((province) =>
      province.predecessors.map((predecessor) => [predecessor.code, province.code] as const),
    ),
  );
  const fields: Field[] = [
    { name: 'year', type: 'integer', title: 'Năm', constraints: { required: true } },
    {
      name: 'province_code',
      type: 'string',
      title: 'Mã tỉnh (trước 01/07/2025)',
      description: 'Mã đơn vị hành chính cấp tỉnh của Tổng cục Thống kê, hai chữ số.',
      constraints: { required: true },
    },
    { name: 'province', type: 'string', title: 'Tỉnh, thành phố', constraints: { required: true } },
    {
      name: 'province_2025_code',
      type: 'string',
      title: 'Mã tỉnh từ 01/07/2025',
      description: 'Tỉnh, thành phố mà tỉnh này được hợp nhất vào theo Nghị quyết 202/2025/QH15.',
    },
    ...PAPI_DIMENSIONS.map(
      (dimension): Field => ({
        name: dimension.toLowerCase().replace('.', '_'),
        type: 'number',
        title: dimensionName(dimension, 'vi'),
        description: `${dimension}: tổng điểm các chỉ số nội dung thành phần của lĩnh vực.`,
      }),
    ),
    {
      name: 'total',
      type: 'number',
      title: 'Điểm tổng hợp',
      description: 'Tổng điểm 8 lĩnh vực (không trọng số).',
    },
    {
      name: 'rank',
      type: 'integer',
      title: 'Hạng',
      description: 'Xếp hạng theo điểm tổng hợp; bằng điểm thì cùng hạng.',
    },
    {
      name: 'group',
      type: 'integer',
      title: 'Nhóm',
      description: `Nhóm theo tứ phân vị: 1 ${PAPI_GROUP_NAMES[1].vi}, 2 ${PAPI_GROUP_NAMES[2].vi}, 3 ${PAPI_GROUP_NAMES[3].vi}, 4 ${PAPI_GROUP_NAMES[4].vi}.`,
    },
  ];
  const schema = tableSchema(fields, ['year', 'province_code']);
  return (await papiYears(db)).map((year) => ({
    name: `papi-${year}`,
    title: `Chỉ số PAPI năm ${year}`,
    description: `Điểm từng lĩnh vực, điểm tổng hợp, hạng và nhóm của các tỉnh, thành phố năm ${year}.`,
    schema,
    sources: [{ title: 'PAPI — UNDP Việt Nam và các đối tác', path: 'https://papi.org.vn' }],
    rows: async () =>
      (await findPapiResults(db, year)).map((result) => ({
        year,
        province_code: result.unitCode,
        province: result.unit,
        province_2025_code: mergedInto.get(result.unitCode) ?? null,
        ...Object.fromEntries(
          PAPI_DIMENSIONS.map((dimension) => [
            dimension.toLowerCase().replace('.', '_'),
            round2(result.dimensions[dimension]),
          ]),
        ),
        total: round2(result.total),
        rank: result.rank,
        group: result.group,
      })),
  }));
}

export async function roundResources(db: Db, request: FastifyRequest): Promise<OpenResource[]> {
  const rounds = await publishedRounds(db);
  return Promise.all(
    rounds.map(async (round): Promise<OpenResource> => {
      const results = await publishedResults(db, round.id, request);
      const criteria = results?.criteria ?? [];
      const fields: Field[] = [
        { name: 'unit', type: 'string', title: 'Đơn vị', constraints: { required: true } },
        {
          name: 'participating',
          type: 'boolean',
          title: 'Tham gia',
          description: 'false: đơn vị không gửi tự đánh giá, không được chấm điểm và xếp hạng.',
        },
        { name: 'rank', type: 'integer', title: 'Hạng' },
        { name: 'total', type: 'number', title: 'Điểm' },
        { name: 'percent', type: 'number', title: 'Tỷ lệ so với điểm tối đa (%)' },
        { name: 'band', type: 'string', title: 'Xếp loại' },
        {
          name: 'change',
          type: 'number',
          title: 'Thay đổi so với kỳ trước (điểm %)',
          description: 'Chênh lệch tỷ lệ điểm so với kỳ đánh giá đã công bố năm trước.',
        },
        ...criteria.map(
          (criterion): Field => ({
            name: `area_${criterion.code.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`,
            type: 'number',
            title: criterion.nameVi,
            description: `${criterion.code}, tối đa ${criterion.maxPoints ?? ''} điểm.`,
          }),
        ),
        {
          name: 'lost_criteria',
          type: 'string',
          title: 'Tiêu chí bị trừ điểm',
          description: 'Mã tiêu chí và số điểm bị trừ, ngăn cách bằng dấu chấm phẩy.',
        },
      ];
      return {
        name: `ket-qua-${round.id}`,
        title: round.name,
        description: `${round.framework}, năm ${round.year}: điểm, hạng, xếp loại của ${round.units} đơn vị.`,
        schema: tableSchema(fields, ['unit']),
        rows: async () =>
          (results?.units ?? []).map((unit) => ({
            unit: unit.name,
            participating: unit.participating,
            rank: unit.rank,
            total: unit.total,
            percent: unit.percent,
            band: unit.band,
            change: unit.change,
            ...Object.fromEntries(
              criteria.map((criterion) => [
                `area_${criterion.code.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`,
                unit.participating ? (unit.areas[criterion.code] ?? null) : null,
              ]),
            ),
            lost_criteria: unit.gaps.map((gap) => `${gap.code} ${gap.lost}`).join('; ') || null,
          })),
      };
    }),
  );
}

export async function planResources(db: Db, request: FastifyRequest): Promise<OpenResource[]> {
  const fields: Field[] = [
    { name: 'ref', type: 'string', title: 'Số thứ tự trong kế hoạch', constraints: { required: true } },
    { name: 'kind', type: 'string', title: 'Loại', description: 'section: mục; task: nhiệm vụ.' },
    { name: 'text', type: 'string', title: 'Nội dung' },
    { name: 'lead', type: 'string', title: 'Cơ quan chủ trì', description: 'Ngăn cách bằng dấu chấm phẩy.' },
    {
      name: 'support',
      type: 'string',
      title: 'Cơ quan phối hợp',
      description: 'Ngăn cách bằng dấu chấm phẩy.',
    },
    { name: 'due', type: 'date', title: 'Thời hạn' },
    {
      name: 'status',
      type: 'string',
      title: 'Trạng thái',
      description: Object.entries(ITEM_STATUS_NAMES)
        .map(([code, name]) => `${code}: ${name.vi}`)
        .join('; '),
    },
    { name: 'progress', type: 'number', title: 'Tiến độ (%)' },
    { name: 'overdue', type: 'boolean', title: 'Quá hạn' },
    {
      name: 'reported',
      type: 'string',
      title: 'Kết quả đã báo cáo',
      description:
        'Nội dung các đơn vị báo cáo trong báo cáo đã được tiếp nhận: "Đơn vị (kỳ): nội dung", ngăn cách bằng dấu chấm phẩy.',
    },
  ];
  const schema = tableSchema(fields);
  return (await publishedPlans(db)).map((plan) => ({
    name: `ke-hoach-${plan.id}`,
    title: plan.title,
    description: `Các nhiệm vụ của kế hoạch${plan.number ? ` số ${plan.number}` : ''} (${plan.unit}): chủ trì, thời hạn, trạng thái, tiến độ.`,
    schema,
    rows: async () =>
      ((await publicPlan(db, plan.id, request.server.clock))?.items ?? []).map((item) => ({
        ref: item.ref,
        kind: item.kind,
        text: item.text,
        lead: item.lead.join('; ') || null,
        support: item.support.join('; ') || null,
        due: item.kind === 'task' ? item.due : null,
        status: item.kind === 'task' ? item.status : null,
        progress: Math.round(item.progress * 100) / 100,
        overdue: item.kind === 'task' ? item.overdue : null,
        reported:
          item.reported.map((entry) => `${entry.unit} (${entry.period}): ${entry.text}`).join('; ') || null,
      })),
  }));
}

export async function contactsResource(db: Db, request: FastifyRequest): Promise<OpenResource[]> {
  const fields: Field[] = [
    { name: 'unit', type: 'string', title: 'Đơn vị', constraints: { required: true } },
    {
      name: 'kind',
      type: 'string',
      title: 'Loại đơn vị',
      description: 'province: tỉnh; department: sở, ban, ngành; commune: xã, phường, đặc khu.',
    },
    { name: 'code', type: 'string', title: 'Mã đơn vị' },
    { name: 'head', type: 'string', title: 'Người đứng đầu' },
    { name: 'head_title', type: 'string', title: 'Chức vụ' },
    { name: 'phone', type: 'string', title: 'Điện thoại' },
    { name: 'email', type: 'string', title: 'Thư điện tử' },
    { name: 'address', type: 'string', title: 'Địa chỉ' },
  ];
  return [
    {
      name: 'lien-he',
      title: 'Liên hệ các cơ quan, xã, phường',
      description: 'Người đứng đầu, điện thoại, thư điện tử và địa chỉ của các đơn vị đang hoạt động.',
      schema: tableSchema(fields),
      rows: async () => {
        const today = todayOf({ now: request.server.clock });
        const rows = await db
          .select()
          .from(units)
          .where(
            and(
              or(isNull(units.validTo), gte(units.validTo, today)),
              inArray(units.type, ['province', 'department', 'commune']),
            ),
          )
          .orderBy(
            sql`case ${units.type} when 'province' then 0 when 'department' then 1 else 2 end`,
            sql`${units.name} collate vi`,
            asc(units.id),
          );
        return rows.map((unit) => ({
          unit: unit.name,
          kind: unit.type,
          code: unit.code,
          head: unit.headName,
          head_title: unit.headTitle,
          phone: unit.headPhone,
          email: unit.headEmail,
          address: unit.address,
        }));
      },
    },
  ];
}

/**
 * What units disclosed, one row per place and period it was posted (published obligations only; one
 * without a posting begun has one row without a place), with the day it went on the public register.
 */
export async function disclosuresResource(db: Db, request: FastifyRequest): Promise<OpenResource[]> {
  const fields: Field[] = [
    { name: 'unit', type: 'string', title: 'Đơn vị', constraints: { required: true } },
    { name: 'item_code', type: 'string', title: 'Mã mục phải công khai' },
    { name: 'item', type: 'string', title: 'Mục phải công khai' },
    { name: 'title', type: 'string', title: 'Nội dung công khai', constraints: { required: true } },
    { name: 'decision_number', type: 'string', title: 'Số văn bản' },
    { name: 'decision_date', type: 'date', title: 'Ngày văn bản' },
    { name: 'document_url', type: 'string', title: 'Đường dẫn văn bản' },
    {
      name: 'place',
      type: 'string',
      title: 'Hình thức, nơi công khai',
      description: Object.entries(DISCLOSURE_PLACES)
        .map(([code, name]) => `${code}: ${name.vi}`)
        .join('; '),
    },
    { name: 'place_detail', type: 'string', title: 'Nơi cụ thể' },
    { name: 'from', type: 'date', title: 'Từ ngày' },
    { name: 'to', type: 'date', title: 'Đến ngày' },
    { name: 'published_on', type: 'date', title: 'Ngày đăng trên trang công khai' },
  ];
  return [
    {
      name: 'thong-tin-cong-khai',
      title: 'Thông tin các đơn vị đã công khai',
      description:
        'Những gì xã, phường, sở, ngành đã công khai (ngân sách, hộ nghèo, đất đai…): văn bản, nơi niêm yết hoặc phát, từ ngày đến ngày, ngày đăng trên trang công khai.',
      schema: tableSchema(fields),
      rows: async () => {
        const today = todayOf({ now: request.server.clock });
        const obligations = await publicObligations(db, { unitId: null, today });
        // Published before any posting began: one row without a place, as the page shows it.
        const noPlace = { place: null, placeDetail: null, from: null, to: null };
        return obligations.flatMap((obligation) =>
          (obligation.places.length > 0 ? obligation.places : [noPlace]).map((place) => ({
            unit: obligation.unitName,
            item_code: obligation.itemCode,
            item: obligation.itemName?.vi ?? null,
            title: obligation.title,
            decision_number: obligation.decisionNumber,
            decision_date: obligation.decisionDate,
            document_url: obligation.documentUrl,
            place: place.place,
            place_detail: place.placeDetail,
            from: place.from,
            to: place.to,
            published_on: obligation.publishedOn,
          })),
        );
      },
    },
  ];
}

/** The published community projects, each with its page and its own data (JSON, contributors CSV). */
export async function projectsResource(
  db: Db,
  _request: FastifyRequest,
  publicUrl: string,
): Promise<OpenResource[]> {
  const base = (path: string) => `${publicUrl}${path}`;
  const fields: Field[] = [
    { name: 'id', type: 'integer', title: 'Mã công trình', constraints: { required: true } },
    { name: 'commune', type: 'string', title: 'Xã, phường' },
    { name: 'name', type: 'string', title: 'Tên công trình', constraints: { required: true } },
    { name: 'location', type: 'string', title: 'Địa điểm' },
    {
      name: 'status',
      type: 'string',
      title: 'Tình trạng',
      description: Object.entries(PROJECT_STATUSES)
        .map(([code, name]) => `${code}: ${name.vi}`)
        .join('; '),
    },
    { name: 'progress', type: 'number', title: 'Tiến độ (%)' },
    { name: 'page', type: 'string', title: 'Trang công khai' },
    {
      name: 'data_json',
      type: 'string',
      title: 'Toàn bộ số liệu công khai (JSON)',
      description:
        'Quyết định, sổ thu chi, người đóng góp (chỉ tên hộ đồng ý công khai), ban giám sát, quyết toán.',
    },
    { name: 'contributors_csv', type: 'string', title: 'Người đóng góp (CSV)' },
  ];
  return [
    {
      name: 'cong-trinh-dan-gop',
      title: 'Công trình xây dựng bằng đóng góp của người dân',
      description:
        'Các công trình đã công khai: xã, tên, địa điểm, tình trạng, tiến độ và đường dẫn tới số liệu của từng công trình.',
      schema: tableSchema(fields, ['id']),
      rows: async () =>
        (await publicProjects(db, { page: 1, perPage: 100_000 } as PublicProjectQuery)).items.map(
          (project) => ({
            id: project.id,
            commune: project.unitName,
            name: project.name,
            location: project.location,
            status: project.status,
            progress: project.progress,
            page: base(project.path),
            data_json: base(`${project.path}/du-lieu.json`),
            contributors_csv: base(`${project.path}/dong-gop.csv`),
          }),
        ),
    },
  ];
}
