import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What can be made once, at install, instead of at every first start: `npm ci` runs this (postinstall),
 * as does `npm run build`; each part is redone only when its sources changed.
 *  - the web app (web/dist), when it is missing or older than web/src, web/index.html or core/;
 *  - the embedded database's template (.cache/pglite-template: migrated, reference data loaded), when
 *    its stamp differs from the migrations and reference files (server/setup/reference-template.ts).
 * `npm start` and `npm run test:e2e` run it with `--web`: the web app only (a stale template is not
 * worth rebuilding there: a first start without it does the same work, a restart never needs it).
 * Without the dev tools (`npm ci --omit=dev`) the web app cannot be built: it says so and goes on.
 */
const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'web/dist/index.html');
const vite = join(root, 'node_modules/.bin/vite');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['web/src', 'web/index.html', 'core'].map((path) => join(root, path)).filter(existsSync);
const sourceTime = Math.max(
  ...sources.map((path) => (statSync(path).isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)),
);
if (!existsSync(built) || statSync(built).mtimeMs < sourceTime) {
  if (existsSync(vite)) {
    console.log('Đang dựng giao diện web (vite build)…');
    execFileSync(vite, ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  } else console.warn('Không có vite (cài thiếu devDependencies): chưa dựng được giao diện web.');
}

if (process.argv.includes('--web')) process.exit(0);
const { buildReferenceTemplate, isTemplateCurrent } = await import('../server/setup/reference-template.ts');
if (!isTemplateCurrent()) {
  const started = performance.now();
  console.log('Đang chuẩn bị CSDL nhúng mẫu (migrations, danh mục tham chiếu)…');
  try {
    await buildReferenceTemplate();
    console.log(`  xong sau ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    // Only a speed-up: without it the first start does the same work itself.
    console.warn('  không tạo được (lần chạy đầu sẽ tự khởi tạo, chậm hơn):', error);
  }
}
