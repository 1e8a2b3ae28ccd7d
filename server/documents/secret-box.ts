import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError, msg } from '../../core/errors.ts';

/**
 * Secrets Chiso must keep but never show (a signing certificate and its password), sealed with a key
 * derived from the installation secret (CHISO_SECRET) for one purpose: AES-256-GCM, so a sealed value
 * altered or opened under another secret fails instead of yielding garbage. Layout: version (1 byte),
 * nonce (12), tag (16), ciphertext.
 */
const VERSION = 1;

function keyOf(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'chiso-secret-box', purpose, 32));
}

export function seal(secret: string, purpose: string, plain: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret, purpose), nonce);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

export function open(secret: string, purpose: string, sealed: Buffer): Buffer {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw unreadable();
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret, purpose), sealed.subarray(1, 13));
  decipher.setAuthTag(sealed.subarray(13, 29));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
  } catch {
    throw unreadable();
  }
}

export const sealText = (secret: string, purpose: string, text: string) =>
  seal(secret, purpose, Buffer.from(text, 'utf8')).toString('base64');

export const openText = (secret: string, purpose: string, sealed: string) =>
  open(secret, purpose, Buffer.from(sealed, 'base64')).toString('utf8');

const unreadable = () =>
  new AppError(
    'CONFLICT',
    msg(
      'Không mở được chứng thư số đã lưu: khóa bí mật của hệ thống (CHISO_SECRET) đã thay đổi từ khi tải lên. Hãy tải lên lại chứng thư số.',
      'The stored certificate cannot be opened: the installation secret (CHISO_SECRET) changed since it was uploaded. Upload the certificate again.',
    ),
  );
