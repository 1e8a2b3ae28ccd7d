import type { Db } from '../db/engine.ts';
import { insertFederationFixture } from './federation-fixture.ts';
import type { TableRow } from './route-table-kit.ts';

/**
 * The national view's rows of the route × role × record table (the order of TABLE_ROLES: admin,
 * coordinator at the province, coordinator of A, reporter of A, head of A, appraiser, leader,
 * anonymous). national.read is installation-wide: the admin and the province's coordinator and leader
 * (granted at the root) read it; a commune's coordinator holds the permission but not at the root
 * (403). Three provinces' shared rows are written once, before the first call.
 */
const written = new WeakSet<Db>();
async function withFederation(db: Db): Promise<void> {
  if (written.has(db)) return;
  written.add(db);
  await insertFederationFixture(db);
}

const NATIONAL = '200 200 403 403 403 403 200 401';

export const NATIONAL_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/national/dashboard': {
    call: async ({ world }) => {
      await withFederation(world.t.database.db);
      return { url: '/api/national/dashboard' };
    },
    own: NATIONAL,
  },
  'GET /api/national/ranking': {
    call: async ({ world }) => {
      await withFederation(world.t.database.db);
      return { url: '/api/national/ranking?indicator=DOSSIER_ON_TIME' };
    },
    own: NATIONAL,
  },
  'GET /api/national/provinces/:code': {
    call: async ({ world }) => {
      await withFederation(world.t.database.db);
      return { url: '/api/national/provinces/33?q=phố' };
    },
    own: NATIONAL,
  },
  'GET /api/national/dhis2/data-value-sets': {
    call: async ({ world }) => {
      await withFederation(world.t.database.db);
      return { url: '/api/national/dhis2/data-value-sets?period=2026Q1&province=33' };
    },
    own: NATIONAL,
  },
};
