import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError, msg, zodMsg } from '../../core/errors.ts';
import { versionOrNewSchema } from '../../core/ids.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db, DbOrTx } from '../db/engine.ts';
import { readSetting, settingVersion, writeSetting } from '../db/settings.ts';
import { uploadedFile } from '../http/uploads.ts';
import { readTrustFile, withRoots } from './trust-list.ts';

/**
 * The province's signing settings, installation-wide: the trust list (the root certificates whose
 * signatures Chiso reports as trusted — none by default, not even the Government CA's, until an
 * administrator adds them) and the time-stamping service (RFC 3161) signatures ask for their time.
 */
export const SIGNING_SETTING = 'signing';

const rootSchema = z.object({
  pem: z.string(),
  subject: z.string(),
  serial: z.string(),
  notAfter: z.string(),
  fingerprint256: z.string(),
});
export const signingSettingSchema = z.object({
  trustRoots: z.array(rootSchema),
  tsaUrl: z.string().nullable(),
});
export type SigningSetting = z.infer<typeof signingSettingSchema>;
const EMPTY: SigningSetting = { trustRoots: [], tsaUrl: null };

export const readSigningSetting = (db: DbOrTx) =>
  readSetting(db, SIGNING_SETTING, signingSettingSchema, EMPTY);

const formSchema = z.object({
  trustRoots: z.array(rootSchema.omit({ pem: true })),
  tsaUrl: z.string().nullable(),
  version: z.number().int(),
});

async function form(db: Db): Promise<z.infer<typeof formSchema>> {
  const setting = await readSigningSetting(db);
  return {
    trustRoots: setting.trustRoots.map(({ pem: _pem, ...shown }) => shown),
    tsaUrl: setting.tsaUrl,
    version: await settingVersion(db, SIGNING_SETTING),
  };
}

const tsaSchema = z.object({
  tsaUrl: z
    .string()
    .trim()
    .max(500)
    .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), {
      error: zodMsg(
        'Địa chỉ phải bắt đầu bằng http:// hoặc https://.',
        'The address must start with http:// or https://.',
      ),
    }),
  version: versionOrNewSchema,
});

const PERMISSION = 'documents.certificates';

export async function signingSettingsRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Chữ ký số'];
  const save = async (request: Parameters<typeof contextOf>[0], next: SigningSetting, version: number) => {
    const ctx = contextOf(request, db);
    const before = await readSigningSetting(db);
    await writeSetting(ctx, SIGNING_SETTING, before, next, version, PERMISSION);
    return form(db);
  };
  api.get(
    '/api/signing/settings',
    {
      config: { policy: PERMISSION },
      schema: {
        tags,
        summary: 'Danh sách chứng thư gốc tin cậy và dịch vụ cấp dấu thời gian',
        response: { 200: formSchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      if (!hasInstallationPermission(ctx.user.grants, PERMISSION))
        throw new AppError('INSTALLATION_WIDE_ONLY');
      return form(db);
    },
  );
  api.post(
    '/api/signing/trust',
    {
      config: { policy: PERMISSION },
      schema: {
        tags,
        summary: 'Thêm chứng thư gốc vào danh sách tin cậy (.pem, .cer, .crt)',
        querystring: z.object({ version: z.coerce.number().pipe(versionOrNewSchema) }),
        response: { 200: formSchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      if (!hasInstallationPermission(ctx.user.grants, PERMISSION))
        throw new AppError('INSTALLATION_WIDE_ONLY');
      const { data } = await uploadedFile(request);
      const added = readTrustFile(data);
      const setting = await readSigningSetting(db);
      return save(
        request,
        { ...setting, trustRoots: withRoots(setting.trustRoots, added) },
        request.query.version,
      );
    },
  );
  api.delete(
    '/api/signing/trust/:fingerprint',
    {
      config: { policy: PERMISSION },
      schema: {
        tags,
        summary: 'Bỏ một chứng thư gốc khỏi danh sách tin cậy',
        params: z.object({ fingerprint: z.string().min(1).max(200) }),
        querystring: z.object({ version: z.coerce.number().pipe(versionOrNewSchema) }),
        response: { 200: formSchema },
      },
    },
    async (request) => {
      const setting = await readSigningSetting(db);
      const kept = setting.trustRoots.filter((root) => root.fingerprint256 !== request.params.fingerprint);
      if (kept.length === setting.trustRoots.length)
        throw new AppError(
          'NOT_FOUND',
          msg(
            'Chứng thư này không có trong danh sách tin cậy.',
            'This certificate is not on the trust list.',
          ),
        );
      return save(request, { ...setting, trustRoots: kept }, request.query.version);
    },
  );
  api.put(
    '/api/signing/tsa',
    {
      config: { policy: PERMISSION },
      schema: {
        tags,
        summary: 'Đặt dịch vụ cấp dấu thời gian (RFC 3161)',
        body: tsaSchema,
        response: { 200: formSchema },
      },
    },
    async (request) => {
      const setting = await readSigningSetting(db);
      const url = request.body.tsaUrl === '' ? null : request.body.tsaUrl;
      return save(request, { ...setting, tsaUrl: url }, request.body.version);
    },
  );
}
