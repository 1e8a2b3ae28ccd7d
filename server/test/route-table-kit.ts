import type { Side, TableRole, World } from './access-world.ts';

/**
 * The route × role × record table: for each route, how to call it on a commune's record and the
 * statuses expected, one per role in the order of TABLE_ROLES (admin, coordinator at the province,
 * coordinator of commune A, reporter of A, head of A, appraiser, leader, anonymous), first on A's
 * own record, then on commune B's (`other`, when it differs). One file per area of routes
 * (`route-table-*.ts`), all gathered in `route-table.ts`; what they share is here.
 */
export interface TableCall {
  url: string;
  /** The caller's address (sign-in and password attempts are counted per address). */
  remoteAddress?: string;
  body?: unknown;
  file?: { name: string; content: Buffer | string };
}

export interface TableRow {
  call: (at: { world: World; side: Side; role: TableRole }) => TableCall | Promise<TableCall>;
  own: string;
  other?: string;
  /** The call ends or changes the caller's session: each role acts through a new session of its own. */
  freshSession?: boolean;
}

/** A version no record has: an allowed caller gets 409 and nothing changes. */
export const STALE = 999_999;
export const pdf = Buffer.from('%PDF-1.4\nbảng quyền\n%%EOF');
let sequence = 0;
/** A number no other call of the table has used (names that must be unique). */
export const next = () => {
  sequence += 1;
  return sequence;
};
