/**
 * The code a citizen keeps to follow what they sent: the day it arrived and five characters that cannot
 * be guessed in sequence ("HY-20261202-K7Q4M"), in an alphabet without the letters read as digits
 * (Crockford's base 32), so a code read over the phone or typed from paper still finds its item.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `random` gives five values in 0..31 (the server draws them from a secure source). */
export function trackingCode(prefix: string, receivedOn: string, random: readonly number[]): string {
  if (random.length !== 5 || random.some((value) => !Number.isInteger(value) || value < 0 || value > 31))
    throw new RangeError('five values in 0..31 are needed');
  const tail = random.map((value) => ALPHABET[value]).join('');
  return `${prefix.toUpperCase()}-${receivedOn.replaceAll('-', '')}-${tail}`;
}

/** A code as typed: any case, spaces or dots for dashes, O for 0, I or L for 1; null if it cannot be one. */
export function normaliseTrackingCode(typed: string): string | null {
  const compact = typed
    .trim()
    .toUpperCase()
    .replace(/[\s._]+/g, '-')
    .replace(/-+/g, '-');
  const match = compact.match(/^([A-Z]{1,6})-?(\d{8})-?([0-9A-Z]{5})$/);
  if (!match) return null;
  const tail = (match[3] as string).replace(/O/g, '0').replace(/[IL]/g, '1');
  if ([...tail].some((char) => !ALPHABET.includes(char))) return null;
  return `${match[1]}-${match[2]}-${tail}`;
}
