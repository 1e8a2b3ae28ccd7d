import type { Side, World } from './access-world.ts';
import { STALE, type TableCall, type TableRow } from './route-table-kit.ts';

/**
 * The reception routes' rows of the route × role × record table (the order of TABLE_ROLES: admin,
 * coordinator at the province, coordinator of A, reporter of A, head of A, appraiser, leader,
 * anonymous). Each commune has a weekly rule, a one-off planned online session and a register line, made on
 * first use by the province's coordinator; writes send a stale version (an allowed caller gets 409).
 * The register is never public: every staff route is 404 on another commune's record.
 */
const RECEIVED = '2026-01-05';

interface SideRecords {
  ruleId: number;
  sessionId: number;
  entryId: number;
}
const records = new Map<string, Promise<SideRecords>>();

const host = {
  hostLevel: 'commune_chair',
  hostTitle: 'Chủ tịch UBND xã',
  startTime: '08:00',
  endTime: '11:00',
  location: 'Trụ sở UBND xã',
};

const entryFields = {
  receivedOn: RECEIVED,
  citizenName: 'Người của bảng quyền',
  content: 'Nội dung tiếp công dân của bảng quyền',
  kind: 'kien_nghi',
};

function recordsOf(world: World, side: Side): Promise<SideRecords> {
  let made = records.get(side.code);
  if (!made) {
    made = (async () => {
      const rule = await world.coordinator.request('POST', '/api/reception/rules', {
        unitId: side.unitId,
        ...host,
        frequency: 'weekly',
        weekday: 4,
        validFrom: '2026-01-01',
      });
      const session = await world.coordinator.request('POST', '/api/reception/sessions', {
        unitId: side.unitId,
        on: '2099-01-08',
        ...host,
        mode: 'online',
        onlineLink: 'https://hop.example.vn/bang-quyen',
      });
      const entry = await world.coordinator.request('POST', '/api/reception/entries', {
        unitId: side.unitId,
        ...entryFields,
      });
      for (const [name, reply] of Object.entries({ rule, session, entry }))
        if (reply.status !== 201)
          throw new Error(`reception ${name} of ${side.code}: ${reply.status} ${reply.body}`);
      return { ruleId: rule.json.id, sessionId: session.json.id, entryId: entry.json.id };
    })();
    records.set(side.code, made);
  }
  return made;
}

const on =
  (what: keyof SideRecords, path: (id: number) => string, body?: unknown) =>
  async ({ world, side }: { world: World; side: Side }): Promise<TableCall> => {
    const made = await recordsOf(world, side);
    return { url: path(made[what]), body };
  };

const READ = { own: '200 200 200 200 200 403 200 401', other: '200 200 404 404 404 403 200 401' };
const CREATE = { own: '201 201 201 201 201 403 403 401', other: '201 201 404 404 404 403 403 401' };
const WRITE = { own: '409 409 409 409 409 403 403 401', other: '409 409 404 404 404 403 403 401' };

export const RECEPTION_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/reception/rules': {
    call: ({ side }) => ({ url: `/api/reception/rules?unitId=${side.unitId}` }),
    ...READ,
  },
  'POST /api/reception/rules': {
    call: ({ side }) => ({
      url: '/api/reception/rules',
      body: {
        unitId: side.unitId,
        ...host,
        frequency: 'monthly',
        weekday: 5,
        monthWeek: -1,
        validFrom: '2026-01-01',
      },
    }),
    ...CREATE,
  },
  'PUT /api/reception/rules/:id': {
    call: on('ruleId', (id) => `/api/reception/rules/${id}`, {
      ...host,
      frequency: 'weekly',
      weekday: 3,
      validFrom: '2026-01-01',
      version: STALE,
    }),
    ...WRITE,
  },
  'DELETE /api/reception/rules/:id': {
    call: on('ruleId', (id) => `/api/reception/rules/${id}?version=${STALE}`),
    ...WRITE,
  },
  // Generating is idempotent: an allowed caller makes the rule's days once and is answered 200.
  'POST /api/reception/rules/:id/generate': {
    call: on('ruleId', (id) => `/api/reception/rules/${id}/generate`, { weeks: 1 }),
    own: '200 200 200 200 200 403 403 401',
    other: '200 200 404 404 404 403 403 401',
  },
  'GET /api/reception/sessions': {
    call: ({ side }) => ({ url: `/api/reception/sessions?unitId=${side.unitId}` }),
    ...READ,
  },
  'POST /api/reception/sessions': {
    call: ({ side }) => ({
      url: '/api/reception/sessions',
      body: { unitId: side.unitId, kind: 'ad_hoc', on: '2099-02-01', ...host },
    }),
    ...CREATE,
  },
  'GET /api/reception/sessions/:id': {
    call: on('sessionId', (id) => `/api/reception/sessions/${id}`),
    ...READ,
  },
  'POST /api/reception/sessions/:id/publish': {
    call: on('sessionId', (id) => `/api/reception/sessions/${id}/publish`, { version: STALE }),
    ...WRITE,
  },
  'POST /api/reception/sessions/:id/postpone': {
    call: on('sessionId', (id) => `/api/reception/sessions/${id}/postpone`, {
      version: STALE,
      reason: 'Bảng quyền',
      newOn: '2099-01-15',
    }),
    ...WRITE,
  },
  'POST /api/reception/sessions/:id/cancel': {
    call: on('sessionId', (id) => `/api/reception/sessions/${id}/cancel`, {
      version: STALE,
      reason: 'Bảng quyền',
    }),
    ...WRITE,
  },
  // The session's day is in 2099: not recordable yet (409) for anyone allowed.
  'POST /api/reception/sessions/:id/record': {
    call: on('sessionId', (id) => `/api/reception/sessions/${id}/record`, {
      version: STALE,
      privacy: 'names',
    }),
    ...WRITE,
  },
  // The session is online: an allowed caller's stale version is the 409.
  'POST /api/reception/sessions/:id/online-check': {
    call: on('sessionId', (id) => `/api/reception/sessions/${id}/online-check`, {
      version: STALE,
      check: 'notified',
      doneOn: null,
    }),
    ...WRITE,
  },
  'GET /api/reception/entries': {
    call: ({ side }) => ({ url: `/api/reception/entries?unitId=${side.unitId}` }),
    ...READ,
  },
  'GET /api/reception/entries/export.xlsx': {
    call: ({ side }) => ({ url: `/api/reception/entries/export.xlsx?unitId=${side.unitId}&year=2026` }),
    ...READ,
  },
  'POST /api/reception/entries': {
    call: ({ side }) => ({ url: '/api/reception/entries', body: { unitId: side.unitId, ...entryFields } }),
    ...CREATE,
  },
  'GET /api/reception/entries/:id': { call: on('entryId', (id) => `/api/reception/entries/${id}`), ...READ },
  'PUT /api/reception/entries/:id': {
    call: on('entryId', (id) => `/api/reception/entries/${id}`, { ...entryFields, version: STALE }),
    ...WRITE,
  },
  'POST /api/reception/entries/:id/noticed': {
    call: on('entryId', (id) => `/api/reception/entries/${id}/noticed`, {
      version: STALE,
      noticedOn: '2026-01-06',
    }),
    ...WRITE,
  },
  // The petition is made and the stale link refused in one transaction: nothing stays.
  'POST /api/reception/entries/:id/petition': {
    call: on('entryId', (id) => `/api/reception/entries/${id}/petition`, {
      version: STALE,
      categoryCode: 'infrastructure',
    }),
    ...WRITE,
  },
  // Province-wide: only feedback.manage at the installation's root.
  'GET /api/reception/settings': {
    call: () => ({ url: '/api/reception/settings' }),
    own: '200 200 403 403 403 403 403 401',
  },
  'PUT /api/reception/settings': {
    call: () => ({ url: '/api/reception/settings', body: { delegation: false, version: STALE } }),
    own: '409 409 403 403 403 403 403 401',
  },
  'GET /api/reception/check': {
    call: ({ side }) => ({ url: `/api/reception/check?unitId=${side.unitId}&from=2026-01-01&to=2026-03-31` }),
    ...READ,
  },
  'GET /api/reception/compliance': {
    call: () => ({ url: '/api/reception/compliance?from=2026-01-01&to=2026-03-31' }),
    own: '200 200 200 200 200 403 200 401',
  },
  'GET /tiep-cong-dan': {
    call: ({ side }) => ({ url: `/tiep-cong-dan?unitId=${side.unitId}` }),
    own: Array(8).fill(200).join(' '),
  },
};
