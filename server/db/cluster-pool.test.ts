import { describe, expect, it } from 'vitest';
import { hostOf, isConnectionLoss, splitHosts } from './cluster-pool.ts';
import { formatLsn, parseLsn } from './read-scope.ts';

describe('the cluster pool’s reading of addresses, positions and errors', () => {
  it('splits a URL naming several hosts into one URL per host', () => {
    expect(splitHosts('postgres://chiso:pw@db1:5432,db2:5433/chiso?sslmode=require')).toEqual([
      'postgres://chiso:pw@db1:5432/chiso?sslmode=require',
      'postgres://chiso:pw@db2:5433/chiso?sslmode=require',
    ]);
    expect(splitHosts('postgresql://db1/chiso')).toEqual(['postgresql://db1/chiso']);
    expect(hostOf('postgres://chiso:secret@db2:5433/chiso')).toBe('db2:5433');
  });

  it('reads and writes WAL positions as PostgreSQL prints them', () => {
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(formatLsn(parseLsn('16/B374D848'))).toBe('16/B374D848');
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('junk')).toBe(0n);
    expect(parseLsn(undefined)).toBe(0n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it('tells a lost or changing server from an error in the request', () => {
    expect(
      isConnectionLoss(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isConnectionLoss(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(
      isConnectionLoss(
        Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' }),
      ),
    ).toBe(true);
    // Drizzle wraps the driver's error.
    expect(
      isConnectionLoss(
        new Error('Failed query', { cause: Object.assign(new Error('x'), { code: '08006' }) }),
      ),
    ).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss(new Error('relation "x" does not exist'))).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
  });
});
