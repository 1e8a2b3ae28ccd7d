import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The registry these machines reach serves only the Linux/glibc builds of some packages, so
 * `npm install` leaves the other platforms' optional binaries (e.g. @biomejs/cli-win32-x64) out of
 * package-lock.json, and `npm ci` then refuses the lock. This adds those entries, marked optional and
 * with the platform read from the package name, so npm skips them here and fetches them elsewhere.
 * Run after every `npm install`: `npm run lock:complete`.
 */
const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, Record<string, unknown>> };
const packages = lock.packages;
const added: string[] = [];

function platformOf(name: string): { os: string; cpu: string; libc?: string } | null {
  const os = [
    'win32',
    'darwin',
    'android',
    'linux',
    'freebsd',
    'openbsd',
    'sunos',
    'aix',
    'netbsd',
    'openharmony',
  ].find((o) => name.includes(o));
  const cpu = [
    'arm64',
    'x64',
    'ia32',
    'arm',
    'riscv64',
    's390x',
    'ppc64',
    'loong64',
    'wasm32',
    'mips64el',
  ].find((c) => name.includes(c));
  if (!os || !cpu) return null;
  return { os, cpu, ...(name.includes('musl') ? { libc: 'musl' } : os === 'linux' ? { libc: 'glibc' } : {}) };
}

for (const [key, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies as Record<string, string> | undefined;
  if (!optional) continue;
  const base = key ? `${key}/node_modules/` : 'node_modules/';
  for (const [name, version] of Object.entries(optional)) {
    if (packages[`${base}${name}`] || packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    packages[`node_modules/${name}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [platform.os],
      cpu: [platform.cpu],
      ...(platform.libc ? { libc: [platform.libc] } : {}),
    };
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added to the lock: ${added.join(', ')}` : 'package-lock.json is complete');
