import type { Side, World } from './access-world.ts';
import { STALE, type TableCall, type TableRow } from './route-table-kit.ts';

/**
 * The dialogue routes' rows of the route × role × record table (the order of TABLE_ROLES: admin,
 * coordinator at the province, coordinator of A, reporter of A, head of A, appraiser, leader,
 * anonymous). Each commune has a draft dialogue with a question and a commitment, and a published
 * one, made on first use by its own reporter; writes send a stale version (an allowed caller gets 409
 * and nothing changes). The public pages answer anyone alike.
 */
interface SideDialogues {
  draftId: number;
  questionId: number;
  commitmentId: number;
  publishedId: number;
}
const made = new Map<string, Promise<SideDialogues>>();

const record = (side: Side) => ({
  unitId: side.unitId,
  kind: 'annual_conference',
  heldOn: '15/11/2026',
  topic: 'Hội nghị đối thoại của bảng quyền',
});

function dialoguesOf(side: Side): Promise<SideDialogues> {
  let found = made.get(side.code);
  if (!found) {
    found = (async () => {
      const draft = await side.reporter.request('POST', '/api/dialogues', record(side));
      if (draft.status !== 201) throw new Error(`dialogue of ${side.code}: ${draft.status} ${draft.body}`);
      const asked = await side.reporter.request('POST', `/api/dialogues/${draft.json.id}/questions`, {
        question: 'Câu hỏi của bảng quyền',
        version: draft.json.version,
      });
      const committed = await side.reporter.request('POST', `/api/dialogues/${draft.json.id}/commitments`, {
        text: 'Cam kết của bảng quyền',
        leadUnitId: side.unitId,
        dueOn: '31/12/2099',
        version: asked.json.version,
      });
      if (committed.status !== 201) throw new Error(`commitment: ${committed.status} ${committed.body}`);
      const shown = await side.reporter.request('POST', '/api/dialogues', record(side));
      const published = await side.reporter.request('POST', `/api/dialogues/${shown.json.id}/publish`, {
        version: shown.json.version,
        confirm: true,
      });
      if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.body}`);
      return {
        draftId: draft.json.id,
        questionId: asked.json.questions[0].id,
        commitmentId: committed.json.commitments[0].id,
        publishedId: shown.json.id,
      };
    })();
    made.set(side.code, found);
  }
  return found;
}

const on =
  (path: (d: SideDialogues) => string, body?: (side: Side) => unknown) =>
  async ({ side }: { world: World; side: Side }): Promise<TableCall> => {
    const d = await dialoguesOf(side);
    return { url: path(d), ...(body && { body: body(side) }) };
  };

const READ = { own: '200 200 200 200 200 403 200 401', other: '200 200 404 404 404 403 200 401' };
const WRITE = { own: '409 409 409 409 409 403 403 401', other: '409 409 404 404 404 403 403 401' };
const EVERYONE = (status: number) => ({ own: Array(8).fill(status).join(' ') });

export const DIALOGUE_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/dialogues': {
    call: ({ side }) => ({ url: `/api/dialogues?unitId=${side.unitId}&year=2026` }),
    ...READ,
  },
  'POST /api/dialogues': {
    call: ({ side }) => ({ url: '/api/dialogues', body: record(side) }),
    own: '201 201 201 201 201 403 403 401',
    other: '201 201 403 403 403 403 403 401',
  },
  'GET /api/dialogues/board': {
    call: () => ({ url: '/api/dialogues/board?year=2026' }),
    own: '200 200 200 200 200 403 200 401',
  },
  'GET /api/dialogues/:id': { call: on((d) => `/api/dialogues/${d.draftId}`), ...READ },
  // Choosing a lead unit is recording: who only reads the dialogue is refused.
  'GET /api/dialogues/:id/lead-units': {
    call: on((d) => `/api/dialogues/${d.draftId}/lead-units?q=xay dung`),
    own: '200 200 200 200 200 403 403 401',
    other: '200 200 404 404 404 403 403 401',
  },
  'PUT /api/dialogues/:id': {
    call: on(
      (d) => `/api/dialogues/${d.draftId}`,
      (side) => ({ ...record(side), version: STALE }),
    ),
    ...WRITE,
  },
  'POST /api/dialogues/:id/questions': {
    call: on(
      (d) => `/api/dialogues/${d.draftId}/questions`,
      () => ({ question: 'Thêm câu hỏi', version: STALE }),
    ),
    ...WRITE,
  },
  'PUT /api/dialogues/:id/questions/:questionId': {
    call: on(
      (d) => `/api/dialogues/${d.draftId}/questions/${d.questionId}`,
      () => ({ question: 'Sửa câu hỏi', version: STALE }),
    ),
    ...WRITE,
  },
  'POST /api/dialogues/:id/questions/:questionId/move': {
    call: on(
      (d) => `/api/dialogues/${d.draftId}/questions/${d.questionId}/move`,
      () => ({ direction: 'down', version: STALE }),
    ),
    ...WRITE,
  },
  'DELETE /api/dialogues/:id/questions/:questionId': {
    call: on((d) => `/api/dialogues/${d.draftId}/questions/${d.questionId}?version=${STALE}`),
    ...WRITE,
  },
  'POST /api/dialogues/:id/commitments': {
    call: on(
      (d) => `/api/dialogues/${d.draftId}/commitments`,
      (side) => ({ text: 'Cam kết thêm', leadUnitId: side.unitId, dueOn: '31/12/2099', version: STALE }),
    ),
    ...WRITE,
  },
  'DELETE /api/dialogues/:id/commitments/:commitmentId': {
    call: on((d) => `/api/dialogues/${d.draftId}/commitments/${d.commitmentId}?version=${STALE}`),
    ...WRITE,
  },
  'POST /api/dialogues/:id/publish': {
    call: on(
      (d) => `/api/dialogues/${d.draftId}/publish`,
      () => ({ version: STALE, confirm: true }),
    ),
    ...WRITE,
  },
  // Not published: nothing to take down (409) for whoever records it.
  'POST /api/dialogues/:id/unpublish': {
    call: on(
      (d) => `/api/dialogues/${d.draftId}/unpublish`,
      () => ({ version: STALE, reason: 'Bảng quyền' }),
    ),
    ...WRITE,
  },
  'GET /doi-thoai': { call: ({ side }) => ({ url: `/doi-thoai?unitId=${side.unitId}` }), ...EVERYONE(200) },
  'GET /doi-thoai/:id': { call: on((d) => `/doi-thoai/${d.publishedId}`), ...EVERYONE(200) },
  'GET /doi-thoai/*': { call: () => ({ url: '/doi-thoai/khong-co/trang-nay' }), ...EVERYONE(404) },
};
