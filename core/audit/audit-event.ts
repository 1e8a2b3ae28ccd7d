/** One event of the audit trail as stored and hashed (no node-only imports: the web app reads it too). */
export interface AuditEventContent {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
}

/** An event as the API lists it. */
export type AuditEventView = AuditEventContent;
