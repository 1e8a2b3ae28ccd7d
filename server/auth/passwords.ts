import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '../../core/auth/password-rule.ts';

// argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, for spending the same time on an unknown username as on a known one. */
export const DUMMY_HASH_PROMISE = hashPassword(`dummy-${randomInt(1e9)}`);

// No 0/O, 1/l/I: temporary passwords are read aloud and typed by hand.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random temporary password that passes the password rule for the person it is for. */
export function generatePassword(person: { username?: string; fullName?: string } = {}, length = 16): string {
  for (;;) {
    const value = Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (passwordProblem(value, person) === null) return value;
  }
}
