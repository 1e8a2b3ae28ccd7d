import { describe, expect, it } from 'vitest';
import { type ChainedEvent, canonicalJson, GENESIS_HASH, hashAuditEvent, verifyChain } from './hash-chain.ts';

function chain(count: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let previous = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const content = {
      seq,
      at: new Date(Date.UTC(2026, 0, seq)).toISOString(),
      actorId: 1,
      actorName: 'admin',
      ip: '127.0.0.1',
      action: 'unit.updated',
      entityType: 'unit',
      entityId: String(seq),
      unitId: seq,
      before: { name: `Xã ${seq}` },
      after: { name: `Phường ${seq}`, nested: { b: 2, a: 1 } },
    };
    const hash = hashAuditEvent(previous, content);
    events.push({ ...content, prevHash: previous, hash });
    previous = hash;
  }
  return events;
}

describe('audit hash chain', () => {
  it('hashes the same content the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('accepts an intact chain', () => {
    const result = verifyChain(chain(5));
    expect(result).toEqual({ ok: true, checked: 5, lastHash: chain(5)[4]?.hash });
  });

  it('names the first event whose content was edited', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, after: { name: 'Sửa lén' } };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
  });

  it('names the link after a removed event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('prev_hash'),
    });
  });
});
