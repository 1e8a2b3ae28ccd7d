import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { versionOrNewSchema } from '../../core/ids.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { blobs } from '../db/schema/index.ts';
import { readSetting, settingVersion, writeSetting } from '../db/settings.ts';
import { storeBlob } from '../files/evidence.ts';
import { assertContentMatches } from '../files/file-signatures.ts';
import { uploadedFile } from '../http/uploads.ts';
import { SITE_SETTING, type SiteSetting, siteSettingSchema } from './site-identity.ts';

/**
 * The public site's own setting: the province's emblem shown beside its name on every page
 * (installation-wide: whoever reviews reports at the root of the tree). A PNG or JPEG of at most
 * 200 KB, checked by its content, stored once by SHA-256 and served at `/cong-khai/bieu-trung` with
 * a year's cache (its address changes with it through the ETag).
 */
const MAX_EMBLEM_BYTES = 200 * 1024;
const EMPTY: SiteSetting = { emblem: null };

const siteFormSchema = z.object({ emblem: z.boolean(), version: z.number().int() });

async function siteForm(db: Db) {
  const setting = await readSetting(db, SITE_SETTING, siteSettingSchema, EMPTY);
  return { emblem: setting.emblem !== null, version: await settingVersion(db, SITE_SETTING) };
}

export async function siteSettingsRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Trang công khai'];
  api.get(
    '/api/site',
    {
      config: { policy: 'reports.review' },
      schema: { tags, summary: 'Cài đặt trang công khai (biểu trưng)', response: { 200: siteFormSchema } },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      if (!hasInstallationPermission(ctx.user.grants, 'reports.review'))
        throw new AppError('INSTALLATION_WIDE_ONLY');
      return siteForm(db);
    },
  );
  api.post(
    '/api/site/emblem',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Đặt biểu trưng của tỉnh cho trang công khai (PNG hoặc JPEG, tối đa 200 KB)',
        querystring: z.object({ version: z.coerce.number().pipe(versionOrNewSchema) }),
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      if (!hasInstallationPermission(ctx.user.grants, 'reports.review'))
        throw new AppError('INSTALLATION_WIDE_ONLY');
      const { fileName, data } = await uploadedFile(request);
      const extension = fileName.toLowerCase().split('.').pop() ?? '';
      if (!['png', 'jpg', 'jpeg'].includes(extension))
        throw fieldError(
          'file',
          msg('Biểu trưng phải là ảnh PNG hoặc JPEG.', 'The emblem must be a PNG or JPEG image.'),
        );
      if (data.length > MAX_EMBLEM_BYTES)
        throw fieldError('file', msg('Biểu trưng tối đa 200 KB.', 'The emblem may be 200 KB at most.'));
      assertContentMatches(`.${extension}`, data);
      const sha256 = await storeBlob(db, data);
      const before = await readSetting(db, SITE_SETTING, siteSettingSchema, EMPTY);
      await writeSetting(ctx, SITE_SETTING, before, { emblem: sha256 }, request.query.version);
      return siteForm(db);
    },
  );
  api.delete(
    '/api/site/emblem',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Bỏ biểu trưng khỏi trang công khai',
        querystring: z.object({ version: z.coerce.number().pipe(versionOrNewSchema) }),
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      const before = await readSetting(db, SITE_SETTING, siteSettingSchema, EMPTY);
      await writeSetting(ctx, SITE_SETTING, before, EMPTY, request.query.version);
      return siteForm(db);
    },
  );
  app.get(
    '/cong-khai/bieu-trung',
    { config: { policy: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const setting = await readSetting(db, SITE_SETTING, siteSettingSchema, EMPTY);
      const [blob] = setting.emblem
        ? await db.select().from(blobs).where(eq(blobs.sha256, setting.emblem))
        : [];
      if (!blob)
        return reply.status(404).type('text/plain; charset=utf-8').send('Không có biểu trưng / No emblem');
      const etag = `"${blob.sha256.slice(0, 32)}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      const png = blob.data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      return reply.type(png ? 'image/png' : 'image/jpeg').send(blob.data);
    },
  );
}
