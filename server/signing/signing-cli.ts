import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError, msg } from '../../core/errors.ts';
import { inspectPdfSignatures } from './inspect.ts';
import { appearanceLines } from './lines.ts';
import { readPkcs12 } from './pkcs12.ts';
import { signPdf } from './sign-pdf.ts';
import { viDateTime } from './time.ts';
import { evaluateTrust } from './trust.ts';

function readInput(file: string | undefined, what: string): Buffer {
  if (!file) throw new AppError('VALIDATION_FAILED', msg(`Thiếu ${what}.`, `Missing ${what}.`));
  try {
    return readFileSync(file);
  } catch {
    throw new AppError('NOT_FOUND', msg(`Không đọc được tệp ${file}.`, `Cannot read the file ${file}.`));
  }
}

const SIGN_USAGE = msg(
  'Cách dùng: npx chiso documents sign IN.pdf --p12 CERT.p12 --password-file FILE --out OUT.pdf [--reason …] [--location …] [--tsa URL] [--image PNG] [--organisation]',
  'Usage: npx chiso documents sign IN.pdf --p12 CERT.p12 --password-file FILE --out OUT.pdf [--reason …] [--location …] [--tsa URL] [--image PNG] [--organisation]',
);

/** `npx chiso documents sign`: a visible signature at the bottom right of the last page. */
export async function documentsSignCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      p12: { type: 'string' },
      'password-file': { type: 'string' },
      out: { type: 'string' },
      reason: { type: 'string' },
      location: { type: 'string' },
      tsa: { type: 'string' },
      image: { type: 'string' },
      organisation: { type: 'boolean' },
    },
  });
  if (!positionals[0] || !values.p12 || !values['password-file'] || !values.out)
    throw new AppError('VALIDATION_FAILED', SIGN_USAGE);
  const pdf = readInput(positionals[0], 'tệp PDF');
  const password = readInput(values['password-file'], 'tệp mật khẩu')
    .toString('utf8')
    .replace(/\r?\n$/, '');
  const identity = readPkcs12(readInput(values.p12, 'tệp .p12'), password);
  const kind = values.organisation ? 'organisation' : 'person';
  const signingTime = new Date();
  const signed = await signPdf(pdf, {
    identity,
    signingTime,
    reason: values.reason,
    location: values.location,
    tsaUrl: values.tsa,
    appearance: {
      rect: 'default',
      kind,
      image: values.image ? readInput(values.image, 'ảnh chữ ký') : undefined,
      lines: appearanceLines(kind, identity.subject, signingTime),
    },
  });
  writeFileSync(values.out, signed);
  console.log(`Đã ký ${values.out}: ${identity.subject.commonName ?? ''}, ${viDateTime(signingTime)}.`);
  return 0;
}

const yesNo = (value: boolean) => (value ? 'có' : 'không');
const CHANGES = { none: 'không', 'signatures-only': 'chỉ thêm chữ ký', other: 'có thay đổi khác' } as const;

/** `npx chiso documents verify`: exit 0 when signed and every signature intact (and trusted with --trust). */
export async function documentsVerifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { trust: { type: 'string' }, json: { type: 'boolean' } },
  });
  const pdf = readInput(
    positionals[0],
    'tệp PDF: npx chiso documents verify FILE [--trust ROOTS.pem] [--json]',
  );
  const roots = values.trust ? [readInput(values.trust, 'tệp chứng thư gốc').toString('utf8')] : [];
  const inspection = await inspectPdfSignatures(pdf);
  const trust = evaluateTrust(inspection, roots, new Date());
  const signatures = inspection.signatures.map((signature, index) => ({
    signer: signature.signer,
    organisation: signature.organisation,
    signedAt: signature.signedAt,
    intact: signature.intact,
    trusted: trust[index]?.trusted ?? false,
    fieldName: signature.fieldName,
    timestamped: signature.timestamped,
    coversWholeFile: signature.coversWholeFile,
    changesAfter: signature.changesAfter,
    validAtSigningTime: trust[index]?.validAtSigningTime ?? false,
    serial: signature.serial,
    issuer: signature.issuer,
    reason: (signature.reason ?? trust[index]?.reason)?.vi ?? null,
  }));
  if (values.json) console.log(JSON.stringify({ signed: inspection.signed, signatures }));
  else if (!inspection.signed) console.log('Tệp không có chữ ký số.');
  else {
    console.log(`Tệp có ${signatures.length} chữ ký số:`);
    signatures.forEach((signature, index) => {
      const when = signature.signedAt ? viDateTime(new Date(signature.signedAt)) : 'không rõ';
      console.log(
        `${index + 1}. ${signature.signer ?? '—'}${signature.organisation ? ` (${signature.organisation})` : ''}, ký lúc ${when}${signature.timestamped ? ' (dấu thời gian)' : ''}`,
      );
      console.log(
        `   Toàn vẹn: ${yesNo(signature.intact)}; thay đổi sau khi ký: ${CHANGES[signature.changesAfter]}; tin cậy: ${yesNo(signature.trusted)}${signature.reason ? ` — ${signature.reason}` : ''}`,
      );
    });
  }
  const ok =
    inspection.signed &&
    signatures.every((signature) => signature.intact && (roots.length === 0 || signature.trusted));
  return ok ? 0 : 1;
}
