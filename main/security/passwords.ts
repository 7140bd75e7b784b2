import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password and PIN hashing with scrypt and a per-secret random salt. The stored
 * form carries its parameters (`scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`, base64),
 * so the cost can be raised later and old hashes still verify.
 */
/** log2 of N for new hashes: 2^17 (128 MiB, about 0.4 s here), as ../shared/design/ARCHITECTURE.md asks. */
export const DEFAULT_COST = 17;

const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, cost: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: 128 · N · r bytes plus headroom; Node's default (32 MB) is just short for N = 2^15.
    scrypt(secret.normalize('NFC'), salt, KEY_LENGTH, { N: 2 ** cost, r, p, maxmem: 256 * 2 ** cost * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashSecret(secret: string, cost: number = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, cost, 8, 1);
  return ['scrypt', cost, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [cost, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![cost, r, p].every((n) => Number.isInteger(n) && n > 0) || cost > 20) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await derive(secret, Buffer.from(parts[4]!, 'base64'), cost, r, p);
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/**
 * A short fingerprint of a user's stored password and PIN hashes, kept in the
 * audit entries that set them: a hash replaced by hand (someone with the file
 * giving the owner's account a password of their own) no longer matches it.
 * Of hashes, not of secrets: it tells nothing about the password.
 */
export function secretsFingerprint(passwordHash: string, pinHash: string | null): string {
  return createHash('sha256').update(passwordHash).update('\n').update(pinHash ?? '').digest('hex').slice(0, 16);
}
