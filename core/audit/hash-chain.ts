import { createHash } from 'node:crypto';
import type { AuditEventContent } from './audit-event.ts';

export type { AuditEventContent } from './audit-event.ts';

/**
 * The audit trail is a hash chain: each event's hash covers its content and the previous event's hash,
 * so editing or removing any past event breaks every hash after it.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the text hashed does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditEvent(previousHash: string, event: AuditEventContent): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson(event)).digest('hex');
}

export interface ChainedEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walks events in seq order and names the first one whose link or hash does not hold. */
export function verifyChain(
  events: Iterable<ChainedEvent>,
  startHash = GENESIS_HASH,
  startCount = 0,
): ChainCheck {
  let previous = startHash;
  let checked = startCount;
  for (const event of events) {
    const { prevHash, hash, ...content } = event;
    if (prevHash !== previous) {
      return {
        ok: false,
        checked,
        brokenAt: event.seq,
        reason: 'prev_hash does not match the previous event',
      };
    }
    if (hashAuditEvent(prevHash, content) !== hash) {
      return { ok: false, checked, brokenAt: event.seq, reason: 'hash does not match the event content' };
    }
    previous = hash;
    checked += 1;
  }
  return { ok: true, checked, lastHash: previous };
}
