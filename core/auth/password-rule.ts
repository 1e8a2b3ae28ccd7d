import type { Msg } from '../errors.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** The one password rule, for every place a password is set (a new account, a change, a reset). */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = Msg;

export const PASSWORD_PROBLEMS = {
  tooShort: {
    vi: `Mật khẩu tối thiểu ${PASSWORD_MIN_LENGTH} ký tự.`,
    en: `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`,
  },
  tooLong: {
    vi: `Mật khẩu tối đa ${PASSWORD_MAX_LENGTH} ký tự.`,
    en: `The password has at most ${PASSWORD_MAX_LENGTH} characters.`,
  },
  lettersAndDigits: {
    vi: 'Mật khẩu cần có cả chữ và số.',
    en: 'The password needs both letters and digits.',
  },
  common: {
    vi: 'Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.',
    en: 'This password is too common and easy to guess: choose another one.',
  },
  username: {
    vi: 'Mật khẩu không được chứa tên đăng nhập.',
    en: 'The password must not contain the username.',
  },
  fullName: {
    vi: 'Mật khẩu không được chứa họ tên.',
    en: 'The password must not contain the full name.',
  },
} as const satisfies Record<string, PasswordProblem>;

/** Lower case, no accents, letters and digits only: "Mật khẩu @123" and "matkhau123" are one password. */
function compact(value: string): string {
  return foldVietnamese(value).replace(/[^a-z0-9]/g, '');
}

// "P@ssw0rd": symbols and digits standing for letters, read back as the letters they replace.
function unLeet(value: string): string {
  return foldVietnamese(value)
    .replace(/@/g, 'a')
    .replace(/\$/g, 's')
    .replace(
      /(?<=[a-z])[0134](?=[a-z])/g,
      (digit) => ({ '0': 'o', '1': 'i', '3': 'e', '4': 'a' })[digit] ?? digit,
    );
}

/**
 * Why a password is refused, or null when it is acceptable. Knowing the person (their username and
 * full name), it also refuses a password built on them.
 */
export function passwordProblem(
  password: string,
  person: { username?: string | undefined; fullName?: string | undefined } = {},
): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_PROBLEMS.tooShort;
  if (password.length > PASSWORD_MAX_LENGTH) return PASSWORD_PROBLEMS.tooLong;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return PASSWORD_PROBLEMS.lettersAndDigits;
  const forms = [compact(password), compact(unLeet(password))];
  if (forms.some((form) => COMMON_PASSWORDS.has(form))) return PASSWORD_PROBLEMS.common;
  const contains = (part: string) => {
    const needle = compact(part);
    return needle.length >= 3 && forms.some((form) => form.includes(needle));
  };
  if (contains(person.username ?? '')) return PASSWORD_PROBLEMS.username;
  // "Lê Thị Hòa" is also written given name first, "Hòa Lê Thị".
  const names = foldVietnamese(person.fullName ?? '').split(' ');
  const givenFirst = [...names.slice(-1), ...names.slice(0, -1)].join(' ');
  if (contains(names.join(' ')) || contains(givenFirst)) return PASSWORD_PROBLEMS.fullName;
  return null;
}
