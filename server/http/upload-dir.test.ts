import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dossierCsv, dossierRow } from '../dossiers/dossier-fixtures.ts';
import { buildUser, createTestApp, signIn } from '../test/harness.ts';
import { newUploadDir, removeLeftUploads, uploadRoot } from './upload-dir.ts';

describe('upload folders', () => {
  it('removes the folders of processes that are gone, and only those', () => {
    const base = mkdtempSync(join(tmpdir(), 'chiso-upload-test-'));
    try {
      const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
      for (const pid of [dead, process.pid, process.ppid]) {
        mkdirSync(join(base, `chiso-uploads-${pid}`, 'upload-x'), { recursive: true });
        writeFileSync(join(base, `chiso-uploads-${pid}`, 'upload-x', 'upload.csv'), 'ma\n1\n');
      }
      mkdirSync(join(base, 'someone-else'));
      expect(removeLeftUploads(base)).toBe(1);
      expect(readdirSync(base).sort()).toEqual(
        [`chiso-uploads-${process.pid}`, `chiso-uploads-${process.ppid}`, 'someone-else'].sort(),
      );
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('removes unowned folders of earlier versions and killed demo set-ups once an hour old', () => {
    const base = mkdtempSync(join(tmpdir(), 'chiso-upload-test-'));
    try {
      for (const name of ['chiso-dossiers-a1', 'chiso-demo-dossiers-b2', 'chiso-dossiers-new'])
        mkdirSync(join(base, name, 'inner'), { recursive: true });
      const hourAgo = new Date(Date.now() - 3600_000 - 60_000);
      utimesSync(join(base, 'chiso-dossiers-a1'), hourAgo, hourAgo);
      utimesSync(join(base, 'chiso-demo-dossiers-b2'), hourAgo, hourAgo);
      expect(removeLeftUploads(base)).toBe(2);
      expect(readdirSync(base)).toEqual(['chiso-dossiers-new']);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('each upload gets a private folder inside this process’s own', () => {
    const dir = newUploadDir();
    try {
      expect(dir.startsWith(join(tmpdir(), `chiso-uploads-${process.pid}`, 'upload-'))).toBe(true);
      expect(existsSync(dir)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a dossier import leaves nothing in the upload folder once done', async () => {
    const t = await createTestApp();
    try {
      const user = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
      const session = await signIn(t.app, user.username, user.password);
      const started = await session.upload(
        '/api/dossiers/imports',
        'ho-so.csv',
        Buffer.from(dossierCsv([dossierRow()])),
      );
      expect(started.status).toBe(202);
      let job = (await session.request('GET', `/api/jobs/${started.json.jobId}`)).json;
      for (let i = 0; i < 200 && job.status === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        job = (await session.request('GET', `/api/jobs/${started.json.jobId}`)).json;
      }
      expect(job.status).toBe('done');
      expect(readdirSync(uploadRoot())).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
