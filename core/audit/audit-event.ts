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

/**
 * The names of what an event touched, read when it is listed (so a renamed unit reads as it is called
 * today): the record itself, and for scores, reports and rounds their unit, round, criterion, period.
 */
export interface AuditNames {
  /** Who acted, by their full name today (the event keeps the username they had). */
  actor: string | null;
  entity: string | null;
  unit: string | null;
  round: string | null;
  criterion: string | null;
  /** A report's period code; the page names it in words. */
  period: string | null;
}

/** An event as the API lists it. */
export type AuditEventView = AuditEventContent & { names: AuditNames };
