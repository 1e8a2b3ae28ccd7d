import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { PASSWORD_PROBLEMS, passwordProblem } from './password-rule.ts';

describe('passwordProblem', () => {
  it('accepts a long password with letters and digits that names nobody', () => {
    expect(
      passwordProblem('Cay-bang-ven-song-2031', { username: 'nguyen.van.an', fullName: 'Nguyễn Văn An' }),
    ).toBeNull();
    expect(passwordProblem('Mat-khau-thu-2026')).toBeNull();
  });

  it('refuses a password shorter than 10 characters, or without both letters and digits', () => {
    expect(passwordProblem('Ab3defgh1')).toBe(PASSWORD_PROBLEMS.tooShort);
    expect(passwordProblem('abcdefghij')).toBe(PASSWORD_PROBLEMS.lettersAndDigits);
    expect(passwordProblem('1234567890')).toBe(PASSWORD_PROBLEMS.lettersAndDigits);
    expect(passwordProblem(`a1${'x'.repeat(199)}`)).toBe(PASSWORD_PROBLEMS.tooLong);
  });

  it('refuses common passwords whatever their case, accents and separators', () => {
    for (const common of [
      'Qwerty1234',
      'qwerty12345',
      'Password123',
      'P@ssw0rd123',
      'Matkhau@123',
      'Mật khẩu 123',
      'Admin@12345',
      'Iloveyou2024',
      '1qaz2wsx3edc',
      'Abc@123456',
      'Vietnam1234',
    ])
      expect(passwordProblem(common), common).toBe(PASSWORD_PROBLEMS.common);
  });

  it('refuses a password containing the username or the full name, folded and case-insensitive', () => {
    const person = { username: 'nguyen.van.an', fullName: 'Nguyễn Văn An' };
    expect(passwordProblem('nguyen.van.an12345', person)).toBe(PASSWORD_PROBLEMS.username);
    expect(passwordProblem('NGUYEN.VAN.AN-2026', person)).toBe(PASSWORD_PROBLEMS.username);
    expect(passwordProblem('Nguyễn Văn An 2026', person)).toBe(PASSWORD_PROBLEMS.username);
    const other = { username: 'hoa.tran', fullName: 'Trần Thị Hoa' };
    expect(passwordProblem('hoa.tran12345', other)).toBe(PASSWORD_PROBLEMS.username);
    expect(passwordProblem('TranThiHoa-2026', other)).toBe(PASSWORD_PROBLEMS.fullName);
    expect(passwordProblem('trần thị hoa 99x', other)).toBe(PASSWORD_PROBLEMS.fullName);
  });

  it('gives every problem in Vietnamese and in English', () => {
    for (const problem of Object.values(PASSWORD_PROBLEMS)) {
      expect(problem.vi.length).toBeGreaterThan(10);
      expect(problem.en.length).toBeGreaterThan(10);
    }
    expect(PASSWORD_PROBLEMS.common).toEqual({
      vi: 'Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.',
      en: 'This password is too common and easy to guess: choose another one.',
    });
  });

  it('ships a list of a few thousand common passwords, each one of which is refused', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(2000);
    expect(COMMON_PASSWORDS.size).toBeLessThan(20_000);
    for (const common of COMMON_PASSWORDS) {
      const problem = passwordProblem(common);
      expect(
        problem === PASSWORD_PROBLEMS.common ||
          problem === PASSWORD_PROBLEMS.tooShort ||
          problem === PASSWORD_PROBLEMS.lettersAndDigits,
        common,
      ).toBe(true);
    }
  });
});
