import { X509Certificate } from 'node:crypto';
import { AppError, fieldError, msg } from '../../core/errors.ts';

/** A root certificate the province trusts, as the trust list shows it. */
export interface TrustedRoot {
  pem: string;
  subject: string;
  serial: string;
  notAfter: string;
  fingerprint256: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** "CN=Root CA\nO=Ban Cơ yếu Chính phủ" → "Root CA (Ban Cơ yếu Chính phủ)". */
export function nameOf(distinguished: string): string {
  const fields = new Map(
    distinguished.split('\n').map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as const;
    }),
  );
  const common = fields.get('CN') ?? distinguished.replaceAll('\n', ', ');
  const organisation = fields.get('O');
  return organisation && organisation !== common ? `${common} (${organisation})` : common;
}

function rootOf(certificate: X509Certificate): TrustedRoot {
  return {
    pem: certificate.toString(),
    subject: nameOf(certificate.subject),
    serial: certificate.serialNumber,
    notAfter: new Date(certificate.validTo).toISOString(),
    fingerprint256: certificate.fingerprint256,
  };
}

/**
 * The certificates of a file an administrator adds to the trust list: a PEM bundle (one or many) or
 * one DER certificate (.cer, .crt). Only CA certificates are taken: a trust list of leaves would trust
 * nothing else and hide the mistake.
 */
export function readTrustFile(data: Buffer): TrustedRoot[] {
  const text = data.toString('latin1');
  const blocks = text.match(PEM_BLOCK);
  let certificates: X509Certificate[];
  try {
    certificates = blocks ? blocks.map((block) => new X509Certificate(block)) : [new X509Certificate(data)];
  } catch {
    throw fieldError(
      'file',
      msg(
        'Tệp không phải chứng thư số (cần .pem, .cer hoặc .crt của chứng thư gốc).',
        'The file is not a certificate (a root certificate as .pem, .cer or .crt is needed).',
      ),
    );
  }
  const notCa = certificates.find((certificate) => !certificate.ca);
  if (notCa)
    throw fieldError(
      'file',
      msg(
        `"${nameOf(notCa.subject)}" không phải chứng thư của tổ chức cung cấp dịch vụ chứng thực (CA): danh sách tin cậy chỉ nhận chứng thư gốc.`,
        `"${nameOf(notCa.subject)}" is not a certification authority's certificate: the trust list takes root certificates only.`,
      ),
    );
  return certificates.map(rootOf);
}

/** Adds roots to the list, each once (by fingerprint). */
export function withRoots(list: TrustedRoot[], added: TrustedRoot[]): TrustedRoot[] {
  const seen = new Set(list.map((root) => root.fingerprint256));
  const fresh = added.filter((root) => !seen.has(root.fingerprint256) && seen.add(root.fingerprint256));
  if (fresh.length === 0)
    throw new AppError(
      'CONFLICT',
      msg('Chứng thư này đã có trong danh sách tin cậy.', 'This certificate is already on the trust list.'),
    );
  return [...list, ...fresh];
}
