import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRET, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to port 3000, ./data and demo data in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, env: 'development', loadDemo: true, databaseUrl: undefined });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('refuses to start in production with the default or a short secret, and never loads demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', CHISO_SECRET: DEV_SECRET })).toThrow(/CHISO_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', CHISO_SECRET: 'short' })).toThrow(/32/);
    const config = loadConfig({ NODE_ENV: 'production', CHISO_SECRET: 'x'.repeat(40), CHISO_DEMO: 'true' });
    expect(config.loadDemo).toBe(false);
  });

  it('loads the demo year with the demo unless CHISO_DEMO_YEAR=false, never without the demo', () => {
    expect(loadConfig({}).loadDemoYear).toBe(true);
    expect(loadConfig({ CHISO_DEMO_YEAR: 'false' }).loadDemoYear).toBe(false);
    expect(loadConfig({ CHISO_DEMO: 'false', CHISO_DEMO_YEAR: 'true' }).loadDemoYear).toBe(false);
    expect(() => loadConfig({ CHISO_DEMO_YEAR: 'no' })).toThrow(/CHISO_DEMO_YEAR/);
  });

  it('a test may start the clock at a given instant (CHISO_NOW), never in production', () => {
    expect(loadConfig({}).now).toBeUndefined();
    expect(loadConfig({ CHISO_NOW: '2026-12-02T09:00:00+07:00' }).now).toBe('2026-12-02T09:00:00+07:00');
    expect(() => loadConfig({ CHISO_NOW: '02/12/2026' })).toThrow(/CHISO_NOW/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        CHISO_SECRET: 'x'.repeat(40),
        CHISO_NOW: '2026-12-02T09:00:00+07:00',
      }),
    ).toThrow(/CHISO_NOW/);
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ CHISO_SMTP_URL: 'mail.example.vn:25' })).toThrow(/CHISO_SMTP_URL/);
  });
});
