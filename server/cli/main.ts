import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createUserSchema } from '../../core/auth/account-schemas.ts';
import { ROLE_NAMES, type Role } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import { periodName } from '../../core/periods/period-names.ts';
import { DEFAULT_REGIME, parsePeriod, periodWindow } from '../../core/periods/periods.ts';
import { workdayCalendar } from '../../core/periods/workdays.ts';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import { formatPlanSummary } from '../../core/plans/plan-summary.ts';
import { formatDateVi, parseDate } from '../../core/text/dates.ts';
import { detectVietnameseEncoding, ENCODING_MESSAGES } from '../../core/text/legacy-encoding.ts';
import { mutate } from '../audit/audit-log.ts';
import { verifyAuditChain } from '../audit/audit-service.ts';
import { openReadyDatabase } from '../bootstrap.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { DataFolderLockedError } from '../db/data-lock.ts';
import type { Database } from '../db/engine.ts';
import { roleGrants, units } from '../db/schema/index.ts';
import { dossierImportCommand } from '../dossiers/dossier-cli.ts';
import {
  federationPublishCommand,
  federationStatusCommand,
  federationSubscribeCommand,
  federationUnpublishCommand,
  federationUnsubscribeCommand,
} from '../federation/federation-cli.ts';
import { formatOf } from '../files/tabular.ts';
import { presentPapi } from '../indices/index-routes.ts';
import { findPapiResults } from '../indices/index-service.ts';
import { papiLeversCommand, papiSimulateCommand, papiTargetCommand } from '../indices/papi-cli.ts';
import { nationalDhis2Command } from '../national/national-cli.ts';
import { SYSTEM_ACTOR, SYSTEM_USER } from '../setup/initialise.ts';
import { documentsSignCommand, documentsVerifyCommand } from '../signing/signing-cli.ts';
import { surveyImportCommand } from '../surveys/survey-cli.ts';
import { importUnits } from '../units/unit-import-service.ts';
import { createUser } from '../users/user-service.ts';

/** The command line shares the server's data folder, DATABASE_URL and services. */
const HELP = `Chiso — dòng lệnh / command line

  npx chiso migrate                          tạo/cập nhật cơ sở dữ liệu (migrations + khởi tạo)
  npx chiso user create --username U --full-name "Họ tên" [--email E] [--role admin --unit MÃ|*]
  npx chiso units import FILE [--dry-run] [--json]   nhập đơn vị từ .xlsx/.csv (tất cả hoặc không)
  npx chiso dossiers import FILE [--dry-run] [--json] [--mapping JSON|FILE]  nhập hồ sơ TTHC từ .csv/.xlsx/.jsonl (tất cả hoặc không)
  npx chiso surveys import FILE --survey MÃ --unit MÃ_ĐƠN_VỊ [--dry-run] [--date dd/mm/yyyy] [--json]  nhập phiếu khảo sát giấy từ .xlsx/.csv (tất cả hoặc không)
  npx chiso audit verify [--json]            kiểm tra chuỗi băm của nhật ký
  npx chiso period show 2026Q1 [--json]      khoảng số liệu và hạn báo cáo của kỳ (2026M03, 2026Q1, 2026S1, 2026)
  npx chiso workdays add 2026-02-12 3 [--json]  ngày làm việc thứ N sau một ngày (trừ lễ, Tết)
  npx chiso results show PAPI --year 2020 [--json]  kết quả PAPI các tỉnh: tổng điểm, thứ hạng, nhóm
  npx chiso papi simulate --province "Hưng Yên" --year 2024 --change PAPI.5=+0.5 [--change PAPI.2.1=+0.1 …] [--json]
                                             thứ hạng, nhóm PAPI khi một số chỉ số nội dung hoặc chỉ số thành phần thay đổi
  npx chiso papi levers --province "Hưng Yên" --year 2024 [--json]  mỗi nội dung: trung vị, cao nhất, điểm để lên 1 hạng
  npx chiso papi target --province "Hưng Yên" --year 2024 (--rank 10 | --group 1) [--json]  mức tăng nhỏ nhất để đạt mục tiêu
  npx chiso plan parse FILE [--json]         đọc một kế hoạch (.txt/.md): số, ngày, nhiệm vụ, đơn vị, chỉ tiêu
  npx chiso documents sign IN.pdf --p12 CERT.p12 --password-file FILE --out OUT.pdf [--reason …] [--location …] [--tsa URL] [--image PNG] [--organisation]
                                             ký số PDF (PAdES), chữ ký hiện ở góc dưới bên phải trang cuối
  npx chiso documents verify FILE [--trust ROOTS.pem] [--json]  kiểm tra chữ ký số trong PDF: người ký, thời điểm, toàn vẹn, tin cậy
  npx chiso federation publish [--replication-role TÊN --password-file TỆP]  tỉnh: chia sẻ số liệu tổng hợp lên cấp quốc gia (PostgreSQL, wal_level = logical)
  npx chiso federation subscribe --province MÃ --from postgres://…  quốc gia: nhận số liệu của một tỉnh (logical replication)
  npx chiso federation status [--json]       trạng thái chia sẻ: publication, slot, WAL giữ lại; từng tỉnh và độ mới số liệu
  npx chiso federation unsubscribe --province MÃ [--delete-rows]   quốc gia: hủy nhận số liệu của một tỉnh
  npx chiso federation unpublish             tỉnh: ngừng chia sẻ số liệu
  npx chiso national dhis2 --period 2026Q1 [--province MÃ] [--out FILE]  số liệu tổng hợp các tỉnh theo DHIS2 dataValueSets (docs/dhis2.md)

Biến môi trường: CHISO_DATA_DIR (mặc định ./data), DATABASE_URL (PostgreSQL thay cho PGlite).`;

// The CLI acts as the installation itself: every unit is in scope.
const SYSTEM_GRANTS = SYSTEM_USER.grants;

type Command = (database: Database, args: string[]) => Promise<number>;
type OfflineCommand = (args: string[]) => Promise<number>;

/** Commands of pure domain logic: they need no database and do not initialise one. */
const offlineCommands: Record<string, OfflineCommand> = {
  'period show': async (args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' } },
    });
    const period = parsePeriod(positionals[0] ?? '');
    if (!period)
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          'Mã kỳ không hợp lệ: dùng 2026M03, 2026Q1, 2026S1 hoặc 2026.',
          'Invalid period code: use 2026M03, 2026Q1, 2026S1 or 2026.',
        ),
      );
    const window = periodWindow(period, DEFAULT_REGIME);
    console.log(
      values.json
        ? JSON.stringify(window)
        : `${periodName(window.code)} (${window.code}): số liệu từ ${formatDateVi(window.dataFrom)} đến ${formatDateVi(window.dataTo)}, hạn báo cáo ${formatDateVi(window.due)}.`,
    );
    return 0;
  },

  'workdays add': async (args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' } },
    });
    const start = parseDate(positionals[0] ?? '');
    const days = Number(positionals[1]);
    if (!start || !Number.isInteger(days) || days < 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          'Cách dùng: npx chiso workdays add YYYY-MM-DD SỐ_NGÀY (ngày làm việc, ≥ 0).',
          'Usage: npx chiso workdays add YYYY-MM-DD DAYS (working days, ≥ 0).',
        ),
      );
    }
    const date = workdayCalendar().addWorkdays(start, days);
    console.log(values.json ? JSON.stringify({ from: start, workdays: days, date }) : formatDateVi(date));
    return 0;
  },

  'plan parse': async (args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' } },
    });
    const [file] = positionals;
    if (!file)
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          'Thiếu đường dẫn tệp: npx chiso plan parse FILE [--json]',
          'Missing file path: npx chiso plan parse FILE [--json]',
        ),
      );
    if (!['.txt', '.md', '.markdown', ''].includes(extname(file).toLowerCase())) {
      throw new AppError(
        'UNSUPPORTED_FILE',
        msg(
          'Chỉ đọc được văn bản .txt hoặc .md; hãy lưu tệp Word/PDF thành .txt rồi thử lại.',
          'Only .txt or .md text can be read; save the Word/PDF file as .txt and try again.',
        ),
      );
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new AppError('NOT_FOUND', msg(`Không đọc được tệp ${file}.`, `Cannot read the file ${file}.`));
    }
    const encoding = detectVietnameseEncoding(bytes);
    if (encoding !== 'utf8') throw new AppError('UNSUPPORTED_FILE', ENCODING_MESSAGES[encoding]);
    const plan = parsePlan(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    console.log(values.json ? JSON.stringify(plan, null, 2) : formatPlanSummary(plan));
    return 0;
  },

  'papi simulate': papiSimulateCommand,
  'papi levers': papiLeversCommand,
  'papi target': papiTargetCommand,
  'documents sign': documentsSignCommand,
  'documents verify': documentsVerifyCommand,
};

const commands: Record<string, Command> = {
  'results show': async (database, args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, year: { type: 'string' } },
    });
    const year = Number(values.year);
    if (positionals[0]?.toUpperCase() !== 'PAPI' || !Number.isInteger(year)) {
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          'Cách dùng: npx chiso results show PAPI --year 2020 [--json]',
          'Usage: npx chiso results show PAPI --year 2020 [--json]',
        ),
      );
    }
    const results = (await findPapiResults(database.db, year)).map((result) => {
      const { dimensionGroups: _groups, dimensionRanks: _ranks, ...published } = presentPapi(result);
      return published;
    });
    if (values.json) console.log(JSON.stringify(results));
    else {
      for (const result of [...results].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))) {
        const total = result.total === null ? 'không xếp hạng' : result.total.toFixed(4).replace('.', ',');
        console.log(
          `${String(result.rank ?? '—').padStart(2)}  ${result.unit.padEnd(22)} ${total}  nhóm ${result.group ?? '—'}`,
        );
      }
    }
    return 0;
  },

  migrate: async () => {
    console.log('Cơ sở dữ liệu đã sẵn sàng / database is up to date.');
    return 0;
  },

  'user create': async (database, args) => {
    const { values } = parseArgs({
      args,
      options: {
        username: { type: 'string' },
        'full-name': { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
      },
    });
    const input = createUserSchema.parse({
      username: values.username,
      fullName: values['full-name'],
      email: values.email,
    });
    const role = values.role as Role | undefined;
    if (role && !ROLE_NAMES.includes(role))
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          `Vai trò phải là một trong: ${ROLE_NAMES.join(', ')}`,
          `The role must be one of: ${ROLE_NAMES.join(', ')}`,
        ),
      );
    const ctx = { db: database.db, actor: SYSTEM_ACTOR, ip: null };
    const { user, temporaryPassword } = await createUser(ctx, input);
    if (role) {
      const unitCode = values.unit ?? '*';
      const [unit] =
        unitCode === '*' ? [null] : await database.db.select().from(units).where(eq(units.code, unitCode));
      if (unit === undefined)
        throw new AppError(
          'NOT_FOUND',
          msg(`Không tìm thấy đơn vị có mã ${unitCode}.`, `No unit found with code ${unitCode}.`),
        );
      await mutate(ctx, async (tx, audit) => {
        await tx.insert(roleGrants).values({ userId: user.id, role, unitId: unit?.id ?? null });
        await audit({
          action: 'user.role_granted',
          entityType: 'user',
          entityId: user.id,
          unitId: unit?.id ?? null,
          after: { role, unitId: unit?.id ?? null },
        });
      });
    }
    console.log(
      `Đã tạo tài khoản ${user.username}${temporaryPassword ? ` — mật khẩu tạm: ${temporaryPassword}` : ''}`,
    );
    return 0;
  },

  'units import': async (database, args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const [file] = positionals;
    if (!file)
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          'Thiếu đường dẫn tệp: npx chiso units import FILE',
          'Missing file path: npx chiso units import FILE',
        ),
      );
    const ctx = { db: database.db, actor: SYSTEM_ACTOR, ip: null, user: { grants: SYSTEM_GRANTS } };
    try {
      const summary = await importUnits(
        ctx,
        { data: readFileSync(file), format: formatOf(basename(file)) },
        { dryRun: values['dry-run'] ?? false },
      );
      console.log(
        values.json
          ? JSON.stringify({ ...summary, rejected: [] })
          : `Đã ${summary.dryRun ? 'kiểm tra' : 'nhập'}: ${summary.created} đơn vị mới, ${summary.updated} cập nhật.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.details.rows) {
        // The command line speaks Vietnamese.
        if (values.json) {
          const rejected = error.details.rows.map((row) => ({ ...row, reason: row.reason.vi }));
          console.log(JSON.stringify({ created: 0, updated: 0, rejected }));
        } else
          for (const row of error.details.rows)
            console.error(`  dòng ${row.row}, cột "${row.column}": ${row.reason.vi}`);
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  },

  'dossiers import': (database, args) => dossierImportCommand(database, args, SYSTEM_GRANTS),

  'federation publish': federationPublishCommand,
  'federation subscribe': federationSubscribeCommand,
  'federation status': federationStatusCommand,
  'federation unsubscribe': federationUnsubscribeCommand,
  'federation unpublish': federationUnpublishCommand,

  'surveys import': (database, args) => surveyImportCommand(database, args, SYSTEM_USER),

  'national dhis2': nationalDhis2Command,

  'audit verify': async (database, args) => {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
    const result = await verifyAuditChain(database.db);
    if (values.json) console.log(JSON.stringify(result.ok ? { ok: true, checked: result.checked } : result));
    else if (result.ok) console.log(`Nhật ký toàn vẹn: đã kiểm tra ${result.checked} sự kiện.`);
    else
      console.error(
        `Chuỗi băm bị phá vỡ tại sự kiện số ${result.brokenAt} (${result.reason}); ${result.checked} sự kiện trước đó hợp lệ.`,
      );
    return result.ok ? 0 : 1;
  },
};

async function main(argv: string[]): Promise<number> {
  const offline = offlineCommands[argv.slice(0, 2).join(' ')];
  if (offline) return offline(argv.slice(2));
  const name = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((candidate) => candidate in commands);
  const command = name ? commands[name] : undefined;
  if (!name || !command) {
    console.log(HELP);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  const config = loadConfig();
  // New logins (a first command on an empty database) go to stderr: stdout is the command's output.
  const database = await openReadyDatabase(config, (text) => console.error(text));
  try {
    return await command(database, argv.slice(name.split(' ').length));
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof AppError || error instanceof DataFolderLockedError)
      console.error(error.message);
    else if (error instanceof Error && error.name === 'ZodError') console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
