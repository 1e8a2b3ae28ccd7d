import { describe, expect, it } from 'vitest';
import { open, openText, seal, sealText } from './secret-box.ts';

const SECRET = 'a-long-installation-secret-of-at-least-32-characters';

describe('the secret box', () => {
  it('gives back what it sealed, and the sealed form does not contain it', () => {
    const sealed = sealText(SECRET, 'certificate-password', 'Mật khẩu 123!');
    expect(openText(SECRET, 'certificate-password', sealed)).toBe('Mật khẩu 123!');
    expect(Buffer.from(sealed, 'base64').includes(Buffer.from('Mật khẩu'))).toBe(false);
    expect(sealed).not.toContain('123');
  });

  it('seals the same text differently each time', () => {
    expect(sealText(SECRET, 'p', 'x')).not.toBe(sealText(SECRET, 'p', 'x'));
  });

  it('refuses another secret, another purpose and an altered byte', () => {
    const sealed = seal(SECRET, 'certificate', Buffer.from('private key'));
    expect(() => open(`${SECRET}!`, 'certificate', sealed)).toThrow(/CHISO_SECRET/);
    expect(() => open(SECRET, 'certificate-password', sealed)).toThrow(/CHISO_SECRET/);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] = (altered.at(-1) ?? 0) ^ 1;
    expect(() => open(SECRET, 'certificate', altered)).toThrow(/CHISO_SECRET/);
    expect(() => open(SECRET, 'certificate', Buffer.alloc(5))).toThrow(/CHISO_SECRET/);
  });
});
