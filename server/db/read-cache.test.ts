import { describe, expect, it } from 'vitest';
import { bumpDataVersion, changeTopics, ReadCache, topicsOfPayload, topicsPayload } from './read-cache.ts';

describe('ReadCache', () => {
  it('answers from memory until the data version changes', async () => {
    const cache = new ReadCache<number>({ maxEntries: 10, maxAgeMs: 60_000 });
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(1);
    bumpDataVersion();
    expect(await cache.get('k', load)).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not keep what was read while a change committed', async () => {
    const cache = new ReadCache<string>({ maxEntries: 10, maxAgeMs: 60_000 });
    // The change lands while the read is in flight: that read may predate it, so it is not reused.
    expect(
      await cache.get('k', async () => {
        bumpDataVersion();
        return 'before';
      }),
    ).toBe('before');
    expect(await cache.get('k', async () => 'after')).toBe('after');
  });

  it('forgets entries older than maxAgeMs, and everything with maxAgeMs 0', async () => {
    const off = new ReadCache<number>({ maxEntries: 10, maxAgeMs: 0 });
    let reads = 0;
    await off.get('k', async () => ++reads);
    await off.get('k', async () => ++reads);
    expect(reads).toBe(2);
    const short = new ReadCache<number>({ maxEntries: 10, maxAgeMs: 20 });
    await short.get('k', async () => ++reads);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await short.get('k', async () => ++reads)).toBe(4);
  });

  it('refuses an entry its freshness check rejects (an expired session)', async () => {
    const cache = new ReadCache<{ expiresAt: number }>({ maxEntries: 10, maxAgeMs: 60_000 });
    const fresh = (value: { expiresAt: number }) => value.expiresAt > Date.now();
    await cache.get('k', async () => ({ expiresAt: Date.now() - 1 }), fresh);
    expect((await cache.get('k', async () => ({ expiresAt: 42 }), fresh)).expiresAt).toBe(42);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new ReadCache<string>({ maxEntries: 2, maxAgeMs: 60_000 });
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2'); // a is now the most recently used
    await cache.get('c', async () => 'c1'); // evicts b
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a3')).toBe('a1');
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
  });

  it('keeps a cache naming its topics across a change to other topics, never across a broad one', async () => {
    const boards = new ReadCache<number>({ maxEntries: 10, maxAgeMs: 60_000, dependsOn: ['reports'] });
    const dossiers = new ReadCache<number>({ maxEntries: 10, maxAgeMs: 60_000, dependsOn: [] });
    const anything = new ReadCache<number>({ maxEntries: 10, maxAgeMs: 60_000 });
    let reads = 0;
    const load = async () => ++reads;
    expect([
      await boards.get('k', load),
      await dossiers.get('k', load),
      await anything.get('k', load),
    ]).toEqual([1, 2, 3]);
    bumpDataVersion(['sessions']);
    expect([
      await boards.get('k', load),
      await dossiers.get('k', load),
      await anything.get('k', load),
    ]).toEqual([1, 2, 4]);
    bumpDataVersion(['reports', 'plans']);
    expect([
      await boards.get('k', load),
      await dossiers.get('k', load),
      await anything.get('k', load),
    ]).toEqual([5, 2, 6]);
    bumpDataVersion();
    expect([
      await boards.get('k', load),
      await dossiers.get('k', load),
      await anything.get('k', load),
    ]).toEqual([7, 8, 9]);
  });

  it('calls a change narrow only when every audit action in it is known to be', () => {
    expect(changeTopics(['report.submit'])).toEqual(['reports', 'plans', 'notifications']);
    expect(changeTopics(['notification.read', 'auth.logout'])).toEqual(['notifications', 'sessions']);
    expect(changeTopics(['feedback.receive', 'feedback.forward'])).toEqual(['feedback', 'notifications']);
    // A citizen's survey on the public page: anyone may post, so it empties only the surveys' caches.
    expect(changeTopics(['survey.public.start', 'survey.public.submit'])).toEqual(['surveys']);
    // Every survey action touches surveys alone; one unknown action beside it makes the change broad.
    expect(changeTopics(['survey.responses.record', 'survey.publish'])).toEqual(['surveys']);
    expect(changeTopics(['survey.responses.record', 'unit.close'])).toBeNull();
    // A petition with a photo also stores evidence: broad.
    expect(changeTopics(['evidence.add', 'feedback.receive'])).toBeNull();
    expect(changeTopics(['report.accept', 'plan_item.update'])).toBeNull();
    expect(changeTopics(['dossier.import'])).toBeNull();
    expect(changeTopics([])).toBeNull();
  });

  it('carries the topics to other processes in the NOTIFY payload; an unknown one is broad', () => {
    expect(topicsPayload(['reports', 'plans'])).toBe('reports,plans');
    expect(topicsPayload(null)).toBe('');
    expect(topicsOfPayload('reports,plans')).toEqual(['reports', 'plans']);
    expect(topicsOfPayload('')).toBeNull();
    expect(topicsOfPayload(undefined)).toBeNull();
    expect(topicsOfPayload('reports,rounds')).toBeNull();
  });
});
