import { freshAddress, petition, submitJson } from '../feedback/feedback-fixtures.ts';
import type { Side, World } from './access-world.ts';
import type { TableRow } from './route-table-kit.ts';

/**
 * The Open311 routes' rows of the route × role × record table (roles in the order of TABLE_ROLES:
 * admin, coordinator at the province, coordinator of A, reporter of A, head of A, appraiser, leader,
 * anonymous). Registering clients is the province's (feedback.manage at the root); revoking a client
 * no one has answers 404 to those allowed and changes nothing. GeoReport v2 answers everyone alike:
 * a session neither helps nor hinders, a POST without a registered client's api_key is 403.
 */
const INSTALLATION = (status: number) => ({ own: `${status} ${status} 403 403 403 403 403 401` });
const EVERYONE = (status: number) => ({ own: Array(8).fill(status).join(' ') });

const codes = new Map<string, Promise<string>>();
/** A public petition about the side's commune, sent once. */
function codeOf(world: World, side: Side): Promise<string> {
  let code = codes.get(side.code);
  if (!code) {
    code = submitJson(world.t, petition({ communeCode: side.code })).then((sent) => {
      if (sent.status !== 201) throw new Error(`petition of ${side.code}: ${sent.status}`);
      return sent.json.code as string;
    });
    codes.set(side.code, code);
  }
  return code;
}

export const OPEN311_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/open311/clients': { call: () => ({ url: '/api/open311/clients' }), ...INSTALLATION(200) },
  'POST /api/open311/clients': {
    call: () => ({ url: '/api/open311/clients', body: { name: 'Ứng dụng của bảng quyền', channel: 'app' } }),
    ...INSTALLATION(201),
  },
  'POST /api/open311/clients/:id/revoke': {
    call: () => ({ url: '/api/open311/clients/999999/revoke' }),
    ...INSTALLATION(404),
  },
  'GET /open311/v2/discovery.:format': {
    call: () => ({ url: '/open311/v2/discovery.json' }),
    ...EVERYONE(200),
  },
  'GET /open311/v2/services.:format': { call: () => ({ url: '/open311/v2/services.xml' }), ...EVERYONE(200) },
  'GET /open311/v2/services/:code.:format': {
    call: () => ({ url: '/open311/v2/services/infrastructure.json' }),
    ...EVERYONE(200),
  },
  'GET /open311/v2/requests.:format': {
    call: () => ({ url: '/open311/v2/requests.json?status=open' }),
    ...EVERYONE(200),
  },
  'POST /open311/v2/requests.:format': {
    call: ({ side }) => ({
      url: '/open311/v2/requests.json',
      remoteAddress: freshAddress(),
      body: {
        api_key: 'khong-phai-khoa',
        service_code: 'infrastructure',
        lat: 20.65,
        long: 106.05,
        attribute: { commune: side.code },
        description: 'Đèn đường hỏng đã hai tuần, buổi tối rất tối.',
      },
    }),
    ...EVERYONE(403),
  },
  'GET /open311/v2/requests/:id.:format': {
    call: async ({ world, side }) => ({ url: `/open311/v2/requests/${await codeOf(world, side)}.json` }),
    ...EVERYONE(200),
  },
  'GET /open311/v2/tokens/:token.:format': {
    call: () => ({ url: '/open311/v2/tokens/khong-co-token.json' }),
    ...EVERYONE(404),
  },
  'GET /open311/v2/*': { call: () => ({ url: '/open311/v2/khong-co.xml' }), ...EVERYONE(404) },
  'POST /open311/v2/*': { call: () => ({ url: '/open311/v2/khong-co.json', body: {} }), ...EVERYONE(404) },
};
