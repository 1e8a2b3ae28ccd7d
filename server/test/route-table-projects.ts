import type { Side, World } from './access-world.ts';
import { buildProject } from './project-factory.ts';
import { STALE, type TableCall, type TableRow } from './route-table-kit.ts';

/**
 * The community projects' rows of the route × role × record table (the order of TABLE_ROLES: admin,
 * coordinator at the province, coordinator of A, reporter of A, head of A, appraiser, leader,
 * anonymous). Each commune has a draft project with one line of each kind and a published one, made
 * on first use by its own reporter; changes send a stale version (an allowed caller gets 409 and
 * nothing changes), a new line is added to the draft. The public pages answer anyone alike.
 */
interface SideProjects {
  draftId: number;
  lines: Record<string, number>;
  publishedPath: string;
}
const made = new Map<string, Promise<SideProjects>>();

function projectsOf(side: Side): Promise<SideProjects> {
  let found = made.get(side.code);
  if (!found) {
    found = (async () => {
      const draft = await buildProject(side.reporter, side.unitId);
      const shown = await buildProject(side.reporter, side.unitId, { publish: true });
      const first = (kind: string) => (draft.json[kind] as { id: number }[])[0]?.id ?? 0;
      return {
        draftId: draft.id,
        lines: Object.fromEntries(
          ['contributions', 'receipts', 'payments', 'members', 'notices'].map((kind) => [kind, first(kind)]),
        ),
        publishedPath: `/cong-khai/cong-trinh/${shown.id}`,
      };
    })();
    made.set(side.code, found);
  }
  return found;
}

const on =
  (path: (p: SideProjects) => string, body?: unknown, file?: TableCall['file']) =>
  async ({ side }: { world: World; side: Side }): Promise<TableCall> => {
    const p = await projectsOf(side);
    return { url: path(p), ...(body !== undefined && { body }), ...(file && { file }) };
  };

const READ = { own: '200 200 200 200 200 403 200 401', other: '200 200 404 404 404 403 200 401' };
const WRITE = { own: '409 409 409 409 409 403 403 401', other: '409 409 404 404 404 403 403 401' };
const ADD = { own: '201 201 201 201 201 403 403 401', other: '201 201 404 404 404 403 403 401' };
const EVERYONE = (status: number) => ({ own: Array(8).fill(status).join(' ') });

const LINES: Record<string, object> = {
  contributions: { household: 'Hộ của bảng quyền', kind: 'labour', quantity: 2, contributedOn: '01/03/2026' },
  receipts: { source: 'sponsors', amount: 1_000_000, receivedOn: '01/04/2026' },
  payments: { paidOn: '01/05/2026', payee: 'Bảng quyền', purpose: 'Vật liệu', amount: 1_000 },
  members: { name: 'Thành viên bảng quyền', role: 'member', side: 'residents' },
  notices: { kind: 'inspection', receivedOn: '01/06/2026', finding: 'Kiểm tra của bảng quyền' },
};

const lineRows: Record<string, TableRow> = {};
for (const [kind, body] of Object.entries(LINES)) {
  lineRows[`POST /api/projects/:id/${kind}`] = {
    call: on((p) => `/api/projects/${p.draftId}/${kind}`, body),
    ...ADD,
  };
  lineRows[`PUT /api/projects/:id/${kind}/:lineId`] = {
    call: on((p) => `/api/projects/${p.draftId}/${kind}/${p.lines[kind]}`, { ...body, version: STALE }),
    ...WRITE,
  };
  lineRows[`DELETE /api/projects/:id/${kind}/:lineId`] = {
    call: on((p) => `/api/projects/${p.draftId}/${kind}/${p.lines[kind]}?version=${STALE}`),
    ...WRITE,
  };
}

const csv = 'Chủ hộ,Hình thức,Số lượng,Ngày đóng góp\nHộ bảng quyền,Tiền,1000,01/03/2026\n';

export const PROJECT_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/projects': { call: ({ side }) => ({ url: `/api/projects?unitId=${side.unitId}` }), ...READ },
  'POST /api/projects': {
    call: ({ side }) => ({
      url: '/api/projects',
      body: { unitId: side.unitId, name: 'Công trình của bảng quyền' },
    }),
    own: '201 201 201 201 201 403 403 401',
    other: '201 201 403 403 403 403 403 401',
  },
  'GET /api/projects/:id': { call: on((p) => `/api/projects/${p.draftId}`), ...READ },
  'PUT /api/projects/:id': {
    call: on((p) => `/api/projects/${p.draftId}`, { name: 'Đổi tên', version: STALE }),
    ...WRITE,
  },
  'GET /api/projects/:id/preview': { call: on((p) => `/api/projects/${p.draftId}/preview`), ...READ },
  'POST /api/projects/:id/publish': {
    call: on((p) => `/api/projects/${p.draftId}/publish`, { version: STALE, confirm: true }),
    ...WRITE,
  },
  // Not published: nothing to withdraw (409) for whoever records it.
  'POST /api/projects/:id/withdraw': {
    call: on((p) => `/api/projects/${p.draftId}/withdraw`, { version: STALE, reason: 'Bảng quyền' }),
    ...WRITE,
  },
  'GET /api/projects/contributions-template': {
    call: () => ({ url: '/api/projects/contributions-template' }),
    own: '200 200 200 200 200 403 403 401',
  },
  'POST /api/projects/:id/contributions/import': {
    call: on((p) => `/api/projects/${p.draftId}/contributions/import?dryRun=true`, undefined, {
      name: 'dong-gop.csv',
      content: csv,
    }),
    own: '200 200 200 200 200 403 403 401',
    other: '200 200 404 404 404 403 403 401',
  },
  ...lineRows,
  'GET /cong-khai/cong-trinh': {
    call: ({ side }) => ({ url: `/cong-khai/cong-trinh?unitId=${side.unitId}` }),
    ...EVERYONE(200),
  },
  // The short address of a published project leads to its full one.
  'GET /cong-khai/cong-trinh/:slug': { call: on((p) => p.publishedPath), ...EVERYONE(301) },
  'GET /cong-khai/cong-trinh/:slug/du-lieu.json': {
    call: on((p) => `${p.publishedPath}/du-lieu.json`),
    ...EVERYONE(200),
  },
  'GET /cong-khai/cong-trinh/:slug/dong-gop.csv': {
    call: on((p) => `${p.publishedPath}/dong-gop.csv`),
    ...EVERYONE(200),
  },
};
