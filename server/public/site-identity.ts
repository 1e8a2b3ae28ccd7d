import { readFileSync } from 'node:fs';
import { and, asc, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { DbOrTx } from '../db/engine.ts';
import { ReadCache } from '../db/read-cache.ts';
import { units } from '../db/schema/index.ts';
import { readSetting } from '../db/settings.ts';
import { isDemoYearLoaded } from '../setup/demo-year-state.ts';

/**
 * Who the public site speaks for: the province at the root of the unit tree (its official code, its
 * name as the 2025 list writes it) and what its settings add (an emblem image). Read once per data
 * change: every public page shows it.
 */
export interface SiteIdentity {
  /** The province's official code ("33"), or null when the root is no official province. */
  code: string | null;
  /** "Tỉnh Hưng Yên", "Thành phố Hà Nội"; the root unit's own name when it is no official province. */
  fullName: string;
  /** "Hưng Yên". */
  name: string;
  /** The emblem's SHA-256 in the evidence store, when the province set one. */
  emblem: string | null;
  /** The demo's made-up year is loaded: every page says its data are illustrative, not the province's. */
  demo: boolean;
}

export const SITE_SETTING = 'public.site';
export const siteSettingSchema = z.object({
  emblem: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});
export type SiteSetting = z.infer<typeof siteSettingSchema>;

const PROVINCES = new Map(
  readFileSync(new URL('../../reference/dvhc/units_2025.csv', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('province,'))
    .map((line) => {
      const [, code = '', fullName = ''] = line.split(',');
      return [code, fullName] as const;
    }),
);

/** A province's name in the 2025 unit list ("Tỉnh Hưng Yên"), by its official code. */
export const officialProvinceName = (code: string): string | undefined => PROVINCES.get(code);

const shortName = (fullName: string) => fullName.replace(/^(Tỉnh|Thành phố)\s+/u, '');

export async function readSiteIdentity(db: DbOrTx): Promise<SiteIdentity> {
  const [root] = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(isNull(units.parentId), isNull(units.validTo)))
    .orderBy(asc(units.id))
    .limit(1);
  const setting = await readSetting(db, SITE_SETTING, siteSettingSchema, { emblem: null });
  const official = root?.code ? PROVINCES.get(root.code) : undefined;
  const fullName = official ?? root?.name ?? 'Chiso';
  return {
    code: official ? (root?.code ?? null) : null,
    fullName,
    name: shortName(fullName),
    emblem: setting.emblem,
    demo: await isDemoYearLoaded(db),
  };
}

export const NO_SITE: SiteIdentity = {
  code: null,
  fullName: 'Chiso',
  name: 'Chiso',
  emblem: null,
  demo: false,
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The province the public pages speak for (set for every request outside the API). */
    site: SiteIdentity | null;
  }
}

/** Every page outside the API and the web app's files knows the province (from memory, read once per change). */
export const siteIdentityPlugin = fp(
  async (app: FastifyInstance, { db, cacheMs }: { db: DbOrTx; cacheMs: number }) => {
    const cache = new ReadCache<SiteIdentity>({ maxEntries: 1, maxAgeMs: cacheMs });
    app.decorateRequest('site', null);
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return;
      request.site = await cache.get('site', () => readSiteIdentity(db));
    });
  },
);
