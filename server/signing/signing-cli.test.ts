import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfsigValidations, poppler } from '../test/poppler.ts';
import { samplePdf, samplePng, testPki } from '../test/signing-fixtures.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/chiso.mjs', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'chiso-sign-cli-'));
const file = (name: string) => join(scratch, name);

async function chiso(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npx chiso documents', () => {
  it('signs a PDF visibly and verifies it, as JSON and in Vietnamese, with and without the root', async () => {
    const pki = testPki();
    writeFileSync(file('in.pdf'), await samplePdf());
    writeFileSync(file('cert.p12'), pki.p12);
    writeFileSync(file('password.txt'), `${pki.password}\n`);
    writeFileSync(file('seal.png'), await samplePng('#d00000'));
    writeFileSync(file('roots.pem'), pki.caPem);
    const signed = await chiso(
      'documents',
      'sign',
      file('in.pdf'),
      '--p12',
      file('cert.p12'),
      '--password-file',
      file('password.txt'),
      '--out',
      file('out.pdf'),
      '--reason',
      'Ban hành',
      '--location',
      'Hưng Yên',
      '--image',
      file('seal.png'),
      '--organisation',
    );
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(
      /^Đã ký .*out\.pdf: Nguyễn Văn A, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \+07:00\.\n$/,
    );
    const out = readFileSync(file('out.pdf'));
    expect(await pdfsigValidations(out)).toEqual(['Signature is Valid.']);
    expect(await poppler('pdftotext', ['-f', '2', '-l', '2'], out)).toContain('UBND tỉnh Hưng Yên');

    const trusted = await chiso(
      'documents',
      'verify',
      file('out.pdf'),
      '--trust',
      file('roots.pem'),
      '--json',
    );
    expect(trusted.code).toBe(0);
    const report = JSON.parse(trusted.stdout);
    expect(report).toEqual({
      signed: true,
      signatures: [
        {
          signer: 'Nguyễn Văn A',
          organisation: 'UBND tỉnh Hưng Yên',
          signedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/),
          intact: true,
          trusted: true,
          fieldName: 'Signature1',
          timestamped: false,
          coversWholeFile: true,
          changesAfter: 'none',
          validAtSigningTime: true,
          serial: '1A2B3C',
          issuer: 'Chiso Test Root CA',
          reason: null,
        },
      ],
    });

    const plain = await chiso('documents', 'verify', file('out.pdf'));
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Tệp có 1 chữ ký số:');
    expect(plain.stdout).toMatch(/1\. Nguyễn Văn A \(UBND tỉnh Hưng Yên\), ký lúc \d{2}\/\d{2}\/\d{4}/);
    expect(plain.stdout).toContain(
      'Toàn vẹn: có; thay đổi sau khi ký: không; tin cậy: không — Chứng thư số của người ký không xác thực được tới một tổ chức cung cấp dịch vụ chứng thực tin cậy.',
    );

    const unsigned = await chiso('documents', 'verify', file('in.pdf'), '--json');
    expect(unsigned.code).toBe(1);
    expect(JSON.parse(unsigned.stdout)).toEqual({ signed: false, signatures: [] });
  }, 120_000);

  it('refuses a wrong password and missing options in Vietnamese', async () => {
    writeFileSync(file('in2.pdf'), await samplePdf());
    writeFileSync(file('cert2.p12'), testPki().p12);
    writeFileSync(file('wrong.txt'), 'sai');
    const wrong = await chiso(
      'documents',
      'sign',
      file('in2.pdf'),
      '--p12',
      file('cert2.p12'),
      '--password-file',
      file('wrong.txt'),
      '--out',
      file('x.pdf'),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Mật khẩu của tệp chứng thư số (.p12/.pfx) không đúng.');
    const missing = await chiso('documents', 'sign', file('in2.pdf'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cách dùng: npx chiso documents sign IN.pdf --p12 CERT.p12');
  }, 60_000);
});
