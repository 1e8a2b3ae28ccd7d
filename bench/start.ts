import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run bench:start [-- --runs 3 --json]`: how long `npm start` takes to a healthy `/api/health`,
 * on an empty data folder (the first start: migrations, reference data, the demo province and its
 * dossiers) and again on the folder it left (a restart). Each run is a fresh process; the median is
 * reported. The embedded database by default; with DATABASE_URL the first start needs an empty
 * database, so only restarts are measured there.
 */
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean' } },
});
const runs = Number(values.runs);
const ROOT = new URL('..', import.meta.url).pathname;
const log = (line: string) => {
  if (!values.json) console.log(line);
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Started {
  child: ChildProcess;
  ms: number;
  /** CPU the server process (all its threads) used until it listened: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** The set-up steps the server logged with their times (first start only). */
  steps: Record<string, number>;
}

/** `npm start` on the data folder; resolves when /api/health answers ok. */
async function startServer(dataDir: string): Promise<Started> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), CHISO_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const steps: Record<string, number> = {};
  let cpuMs = 0;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of output.split('\n').slice(0, -1)) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { step?: string; ms?: number; cpuMs?: number };
        if (entry.step && typeof entry.ms === 'number') steps[entry.step] = entry.ms;
        if (typeof entry.cpuMs === 'number') cpuMs = entry.cpuMs;
      } catch {
        // not a log line
      }
    }
    output = output.slice(output.lastIndexOf('\n') + 1);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) throw new Error(`npm start exited with ${exited}:\n${stderr}`);
    if (Date.now() > deadline) throw new Error('not healthy within 180 s');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) {
        const body = (await response.json()) as { status?: string };
        if (body.status === 'ok') {
          const ms = performance.now() - began;
          // The start line (with its CPU time) is written just before the server answers.
          const until = Date.now() + 2000;
          while (cpuMs === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
          return { child, ms, cpuMs, steps };
        }
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * SIGTERM to the whole process group (npm and the server), then wait until every process of it has
 * gone: npm exits first, and the server still writes its data folder while it closes the database.
 */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const group = -child.pid;
  const isAlive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (isAlive()) process.kill(group, 'SIGTERM');
  while (isAlive()) await new Promise((resolve) => setTimeout(resolve, 25));
}

const median = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
};

const firstStarts: number[] = [];
const restarts: number[] = [];
const firstCpu: number[] = [];
const restartCpu: number[] = [];
const stepRuns: Record<string, number>[] = [];
const isEmbedded = !process.env.DATABASE_URL;
for (let run = 0; run < runs; run++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'chiso-bench-start-'));
  try {
    if (isEmbedded) {
      const first = await startServer(dataDir);
      await stopServer(first.child);
      firstStarts.push(first.ms);
      firstCpu.push(first.cpuMs);
      stepRuns.push(first.steps);
      log(
        `first start ${run + 1}: ${Math.round(first.ms)} ms (server CPU ${first.cpuMs} ms) ${JSON.stringify(first.steps)}`,
      );
    }
    const again = await startServer(dataDir);
    await stopServer(again.child);
    restarts.push(again.ms);
    restartCpu.push(again.cpuMs);
    log(`restart ${run + 1}: ${Math.round(again.ms)} ms (server CPU ${again.cpuMs} ms)`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const stepNames = [...new Set(stepRuns.flatMap((steps) => Object.keys(steps)))];
const result = {
  database: isEmbedded ? 'pglite' : 'postgresql',
  runs,
  firstStartMs: isEmbedded ? median(firstStarts) : null,
  restartMs: median(restarts),
  firstStartCpuMs: isEmbedded ? median(firstCpu) : null,
  restartCpuMs: median(restartCpu),
  loadAverage: loadavg()[0] ?? 0,
  stepsMs: Object.fromEntries(
    stepNames.map((name) => [name, median(stepRuns.map((steps) => steps[name] ?? 0))]),
  ),
};
if (values.json) console.log(JSON.stringify(result));
else
  log(
    `median: first start ${result.firstStartMs ?? '—'} ms (CPU ${result.firstStartCpuMs ?? '—'} ms), restart ${result.restartMs} ms (CPU ${result.restartCpuMs} ms); load average ${result.loadAverage.toFixed(1)}`,
  );
