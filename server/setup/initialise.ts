import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { count, eq, sql } from 'drizzle-orm';
import type { Role } from '../../core/auth/roles.ts';
import { type Framework, withShippedRemediation } from '../../core/frameworks/framework.ts';
import { validateFramework } from '../../core/frameworks/validate-framework.ts';
import { papiStructure } from '../../core/indices/papi.ts';
import { parsePapiTable } from '../../core/indices/papi-data.ts';
import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import { surveyDefinitionSchema, validateSurvey } from '../../core/surveys/survey-schema.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import type { UnitType } from '../../core/units/unit-types.ts';
import { type Actor, type Audit, mutate } from '../audit/audit-log.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db, Tx } from '../db/engine.ts';
import {
  adminAreas,
  frameworks,
  indexResults,
  roleGrants,
  settings,
  surveys,
  unitSuccessions,
  units,
  users,
} from '../db/schema/index.ts';
import { loadDisclosureCatalogue } from '../disclosures/catalogue-loader.ts';
import { loadDemoTargets, loadIndicatorCatalogue } from '../indicators/catalogue-loader.ts';
import { type TimeStep, untimed } from './step-times.ts';

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'system' };

/**
 * The installation acting on its own (the CLI, the reminder schedule): an administrator of every unit,
 * so what it reads and writes is exactly what the same service does for a person, without a second path.
 */
export const SYSTEM_USER: SessionUser = {
  sessionId: '',
  csrfToken: '',
  userId: 0,
  username: SYSTEM_ACTOR.name,
  fullName: 'Chiso',
  email: null,
  locale: 'vi',
  mustChangePassword: false,
  expiresAt: new Date(8.64e15),
  grants: [{ id: 0, role: 'admin', unitId: 0, unitPath: '/', unitName: null }],
};
const REFERENCE_CSV = new URL('../../reference/dvhc/units_2025.csv', import.meta.url);
const DEMO_FILE = new URL('../../reference/demo/hung-yen.json', import.meta.url);
const REFORM_DATE = '2025-07-01';

export interface Credential {
  username: string;
  password: string;
  role: Role;
  unitName: string;
}

/**
 * Brings an empty database to a usable state, in one transaction: the national unit list, the first
 * administrator and, in development, the demo province with one account per role. Runs at every start
 * and does nothing on a database that is already initialised. Returns logins created this time.
 */
export async function initialise(
  db: Db,
  options: { loadDemo: boolean; time?: TimeStep },
): Promise<Credential[]> {
  const time = options.time ?? untimed;
  return mutate({ db, actor: SYSTEM_ACTOR, ip: null }, async (tx, audit) => {
    // Serialise concurrent first starts (a CLI command and the server on the same empty database).
    await tx.execute(sql`select pg_advisory_xact_lock(4242)`);
    // Reference data every installation has; each loader does nothing once its data is there.
    const { areas, indexResultRows, frameworkVersions, indicatorCount, frameworkTextsAdded } =
      await loadReferenceData(tx, time);
    const [done] = await tx.select().from(settings).where(eq(settings.key, 'initialised_at'));
    if (done) {
      await audit({
        action: 'system.started',
        entityType: 'system',
        entityId: null,
        after: { indexResultRows, frameworkVersions, indicatorCount, frameworkTextsAdded },
      });
      return [];
    }
    const credentials: Credential[] = [
      await time('first administrator', () =>
        createAccount(tx, {
          username: 'admin',
          fullName: 'Quản trị hệ thống',
          role: 'admin',
          unitId: null,
          unitName: 'Toàn hệ thống',
          // The printed password of a real installation's administrator is changed at first sign-in;
          // a demo installation (development only) keeps every printed password, to try things quickly.
          mustChangePassword: !options.loadDemo,
        }),
      ),
    ];
    const demo = options.loadDemo ? await time('demo province', () => loadDemo(tx, audit)) : null;
    if (demo) await time('demo framework', () => loadFrameworks(tx, DEMO_FRAMEWORKS, false));
    if (demo) await time('demo targets', () => loadDemoTargets(tx));
    if (demo) credentials.push(...demo);
    await tx.insert(settings).values({ key: 'initialised_at', value: new Date().toISOString() });
    await audit({
      action: 'system.initialised',
      entityType: 'system',
      entityId: null,
      after: {
        referenceAreas: areas,
        indexResultRows,
        accounts: credentials.map((c) => c.username),
        demo: demo !== null,
      },
    });
    return credentials;
  });
}

/**
 * The reference data every installation has (the national unit list, PAPI results, frameworks, the
 * indicator catalogue); each loader does nothing once its data is there. Also what the install-time
 * template of the embedded database holds (server/setup/reference-template.ts).
 */
export async function loadReferenceData(tx: Tx, time: TimeStep = untimed) {
  const upgraded: string[] = [];
  return {
    areas: await time('reference areas', () => loadReferenceAreas(tx)),
    indexResultRows: await time('PAPI results', () => loadIndexResults(tx)),
    frameworkVersions: await time('frameworks', () => loadFrameworks(tx, FRAMEWORKS_DIR, true, upgraded)),
    /** Stored versions that received a release's suggested remediation texts ("PAR_INDEX/2022"). */
    frameworkTextsAdded: upgraded,
    indicatorCount: await time('indicator catalogue', () => loadIndicatorCatalogue(tx)),
    surveyVersions: await time('surveys', () => loadSurveys(tx)),
    disclosureItems: await time('disclosure catalogue', () => loadDisclosureCatalogue(tx)),
  };
}

async function loadReferenceAreas(tx: Tx): Promise<number> {
  const [existing] = await tx.select({ n: count() }).from(adminAreas);
  if (existing && existing.n > 0) return existing.n;
  const records: { level: string; code: string; full_name: string; province_code: string }[] = parse(
    readFileSync(REFERENCE_CSV, 'utf8'),
    { columns: true, skip_empty_lines: true, trim: true },
  );
  const rows = records.map((record) => ({
    code: record.code,
    level: record.level,
    name: record.full_name.normalize('NFC'),
    provinceCode: record.province_code || null,
    validFrom: REFORM_DATE,
  }));
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(adminAreas).values(rows.slice(i, i + 1000));
  return rows.length;
}

const FRAMEWORKS_DIR = new URL('../../reference/frameworks/', import.meta.url);
const DEMO_FRAMEWORKS = new URL('../../reference/demo/framework-communes.json', import.meta.url);

/**
 * Framework versions shipped as data (a folder of JSON files, or one file), each checked by the same
 * validation as an imported one; a version already in the database is left as it is (the coordinator
 * may have completed an unconfirmed template). Returns how many versions there are now.
 */
async function loadFrameworks(
  tx: Tx,
  source: URL,
  builtIn: boolean,
  upgraded: string[] = [],
): Promise<number> {
  const files = source.pathname.endsWith('/')
    ? readdirSync(source)
        .filter((name) => name.endsWith('.json'))
        .map((name) => new URL(name, source))
    : [source];
  // Only versions not yet stored are validated and written: a restart reads the files and stops.
  const stored = new Map(
    (
      await tx
        .select({ id: frameworks.id, code: frameworks.code, fromYear: frameworks.fromYear })
        .from(frameworks)
    ).map((row) => [`${row.code}/${row.fromYear}`, row.id]),
  );
  for (const file of files) {
    const definition = JSON.parse(readFileSync(file, 'utf8')) as Framework;
    const storedId = stored.get(`${definition.code}/${definition.fromYear}`);
    if (storedId !== undefined) {
      // An installation that upgrades gets the suggested remediation texts a release adds to a
      // version it already has, where the coordinator wrote none; nothing else of it changes.
      if (builtIn && (await addShippedRemediation(tx, storedId, definition)))
        upgraded.push(`${definition.code}/${definition.fromYear}`);
      continue;
    }
    const issues = validateFramework(definition);
    if (issues.length > 0)
      throw new Error(`${file.pathname}: ${issues.map((issue) => issue.message).join('; ')}`);
    await tx
      .insert(frameworks)
      .values({
        code: definition.code,
        fromYear: definition.fromYear,
        toYear: definition.toYear,
        nameVi: definition.nameVi,
        status: definition.status,
        definition,
        builtIn,
      })
      .onConflictDoNothing();
  }
  const [total] = await tx.select({ n: count() }).from(frameworks);
  return total?.n ?? 0;
}

async function addShippedRemediation(tx: Tx, id: number, shipped: Framework): Promise<boolean> {
  const [row] = await tx
    .select({ definition: frameworks.definition })
    .from(frameworks)
    .where(eq(frameworks.id, id));
  const upgraded = row && withShippedRemediation(row.definition, shipped);
  if (!upgraded) return false;
  await tx
    .update(frameworks)
    .set({ definition: upgraded, version: sql`${frameworks.version} + 1`, updatedAt: new Date() })
    .where(eq(frameworks.id, id));
  return true;
}

const SURVEYS_DIR = new URL('../../reference/surveys/', import.meta.url);

/**
 * The questionnaires shipped as data (SIPAS), published as revision 1 of their code; a code already in
 * the database is left as it is (the province may have drafted a revision from it).
 */
async function loadSurveys(tx: Tx): Promise<number> {
  const stored = new Set((await tx.select({ code: surveys.code }).from(surveys)).map((row) => row.code));
  for (const name of readdirSync(SURVEYS_DIR).filter((file) => file.endsWith('.json'))) {
    const definition = surveyDefinitionSchema.parse(
      JSON.parse(readFileSync(new URL(name, SURVEYS_DIR), 'utf8')),
    ) as SurveyDefinition;
    if (stored.has(definition.code)) continue;
    const issues = validateSurvey(definition);
    if (issues.length > 0)
      throw new Error(
        `reference/surveys/${name}: ${issues.map((issue) => `${issue.path}: ${issue.message.vi}`).join('; ')}`,
      );
    await tx
      .insert(surveys)
      .values({
        code: definition.code,
        revision: 1,
        nameVi: definition.nameVi,
        fromYear: definition.fromYear,
        toYear: definition.toYear,
        status: 'published',
        definition,
        builtIn: true,
        publishedAt: sql`now()`,
      })
      .onConflictDoNothing();
  }
  const [total] = await tx.select({ n: count() }).from(surveys);
  return total?.n ?? 0;
}

const PAPI_TABLE = new URL(
  '../../reference/papi/papi_2018_2024_subdimensions_dimensions.csv',
  import.meta.url,
);

/** The published PAPI sub-dimension scores 2018–2024 of the 63 provinces. */
async function loadIndexResults(tx: Tx): Promise<number> {
  const [existing] = await tx
    .select({ n: count() })
    .from(indexResults)
    .where(eq(indexResults.frameworkCode, 'PAPI'));
  if (existing && existing.n > 0) return 0;
  const rows = parsePapiTable(readFileSync(PAPI_TABLE, 'utf8')).flatMap((row) => {
    const expected = Object.values(papiStructure(row.year)).flat();
    return expected.map((criterionCode) => ({
      frameworkCode: 'PAPI',
      year: row.year,
      provinceCode: row.unitCode,
      provinceName: row.unit,
      criterionCode,
      value: row.subdimensions[criterionCode] ?? null,
    }));
  });
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(indexResults).values(rows.slice(i, i + 2000));
  return rows.length;
}

async function createAccount(
  tx: Tx,
  account: {
    username: string;
    fullName: string;
    role: Role;
    unitId: number | null;
    unitName: string;
    mustChangePassword?: boolean;
    /** Already chosen and hashed (several accounts hashed at once). */
    password?: string;
    hash?: string;
  },
): Promise<Credential> {
  const password = account.password ?? generatePassword(account);
  const [user] = await tx
    .insert(users)
    .values({
      username: account.username,
      fullName: account.fullName,
      fullNameSearch: foldVietnamese(account.fullName),
      passwordHash: account.hash ?? (await hashPassword(password)),
      mustChangePassword: account.mustChangePassword ?? false,
    })
    .returning({ id: users.id });
  if (!user) throw new Error('could not create account');
  await tx.insert(roleGrants).values({ userId: user.id, role: account.role, unitId: account.unitId });
  return { username: account.username, password, role: account.role, unitName: account.unitName };
}

interface HistoryNode {
  code: string;
  name: string;
  type: UnitType;
  validFrom?: string;
  successors: string[];
  kind: 'merge' | 'split' | 'rename';
  children?: HistoryNode[];
}

interface DemoFile {
  province: {
    code: string;
    name: string;
    shortName: string;
    headTitle: string;
    address: string;
    validFrom: string;
  };
  departments: { code: string; name: string; shortName: string; headTitle: string }[];
  communeHeadTitle: string;
  history: HistoryNode[];
  historyValidFrom: string;
  historyValidTo: string;
  accounts: { username: string; fullName: string; role: Role; unitCode: string }[];
}

async function insertUnit(
  tx: Tx,
  parent: { id: number; path: string } | null,
  fields: {
    code: string;
    name: string;
    type: UnitType;
    validFrom: string;
    validTo?: string;
    shortName?: string;
    headTitle?: string;
    address?: string;
  },
): Promise<{ id: number; path: string; name: string }> {
  const [row] = await tx
    .insert(units)
    .values({ ...fields, nameSearch: foldVietnamese(fields.name), parentId: parent?.id ?? null, path: '/' })
    .returning({ id: units.id });
  if (!row) throw new Error('could not insert unit');
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await tx.update(units).set({ path }).where(eq(units.id, row.id));
  return { id: row.id, path, name: fields.name };
}

async function loadDemo(tx: Tx, audit: Audit): Promise<Credential[]> {
  const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoFile;
  const province = await insertUnit(tx, null, { ...demo.province, type: 'province' });
  const byCode = new Map<string, { id: number; name: string }>([[demo.province.code, province]]);
  const communes = await tx.select().from(adminAreas).where(eq(adminAreas.provinceCode, demo.province.code));
  if (communes.length === 0) throw new Error('reference data has no communes for the demo province');
  // The province's departments and communes in one insert, their paths in one update.
  const inserted = await tx
    .insert(units)
    .values([
      ...demo.departments.map((department) => ({
        ...department,
        nameSearch: foldVietnamese(department.name),
        type: 'department',
        parentId: province.id,
        path: '/',
        validFrom: demo.province.validFrom,
      })),
      ...communes.map((commune) => ({
        code: commune.code,
        name: commune.name,
        nameSearch: foldVietnamese(commune.name),
        type: 'commune',
        parentId: province.id,
        path: '/',
        validFrom: REFORM_DATE,
        headTitle: demo.communeHeadTitle,
      })),
    ])
    .returning({ id: units.id, code: units.code, name: units.name });
  await tx
    .update(units)
    .set({ path: sql`${province.path} || ${units.id} || '/'` })
    .where(eq(units.parentId, province.id));
  for (const row of inserted) if (row.code) byCode.set(row.code, row);

  // Units before 1 July 2025: closed, each pointing to the units that carry its history today.
  const links: { predecessorId: number; successorId: number; kind: string }[] = [];
  const addHistory = async (node: HistoryNode, parent: { id: number; path: string } | null) => {
    const unit = await insertUnit(tx, parent, {
      code: node.code,
      name: node.name,
      type: node.type,
      validFrom: node.validFrom ?? demo.historyValidFrom,
      validTo: demo.historyValidTo,
    });
    for (const code of node.successors) {
      const successor = byCode.get(code);
      if (!successor) throw new Error(`demo history: no successor with code ${code}`);
      links.push({ predecessorId: unit.id, successorId: successor.id, kind: node.kind });
    }
    for (const child of node.children ?? []) await addHistory(child, unit);
  };
  for (const node of demo.history) await addHistory(node, null);
  await tx.insert(unitSuccessions).values(
    links.map((link) => ({
      ...link,
      effectiveOn: demo.historyValidTo,
      note: 'Sắp xếp đơn vị hành chính từ 01/07/2025',
    })),
  );

  // The password hashes run on libuv's threads at once; the inserts then one after another.
  const accounts = await Promise.all(
    demo.accounts.map(async (account) => {
      const unit = byCode.get(account.unitCode);
      if (!unit) throw new Error(`demo account: no unit with code ${account.unitCode}`);
      const password = generatePassword(account);
      return {
        ...account,
        unitId: unit.id,
        unitName: unit.name,
        password,
        hash: await hashPassword(password),
      };
    }),
  );
  const credentials: Credential[] = [];
  for (const account of accounts) credentials.push(await createAccount(tx, account));
  await audit({
    action: 'system.demo_loaded',
    entityType: 'system',
    entityId: null,
    after: {
      province: demo.province.name,
      departments: demo.departments.length,
      communes: communes.length,
      historicUnits: links.length,
    },
  });
  return credentials;
}

export function formatCredentials(credentials: Credential[]): string {
  if (credentials.length === 0) return '';
  const width = Math.max(...credentials.map((c) => c.username.length));
  const lines = credentials.map(
    (c) => `  ${c.username.padEnd(width)}  ${c.password}   ${c.role} — ${c.unitName}`,
  );
  return [
    '',
    '══ Chiso: tài khoản mới tạo (chỉ hiển thị một lần) / new logins (shown once) ══',
    ...lines,
    '  Hãy đổi mật khẩu sau khi đăng nhập. Change these passwords after signing in.',
    '',
  ].join('\n');
}
