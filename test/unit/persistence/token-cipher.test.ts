import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createTokenCipher,
  TokenDecryptionError,
  tokenKeyId,
} from '../../../src/persistence/token-cipher.ts';

const oldKey = Buffer.alloc(32, 1);
const newKey = Buffer.alloc(32, 3);
const cipher = createTokenCipher(oldKey);
const token = 'xoxb-1111-2222-abcdefghijklmnop';

/** A value as the first release stored it: `v1.<iv>.<tag>.<ciphertext>`, no key id. */
function sealV1(key: Buffer, plain: string, workspaceId: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(workspaceId, 'utf8'));
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', ...[iv, c.getAuthTag(), body].map((b) => b.toString('base64url'))].join('.');
}

describe('token encryption at rest', () => {
  it('round-trips a token without it showing in the stored text, naming the key that sealed it', () => {
    const sealed = cipher.encrypt(token, 'T0TEAM001');
    expect(sealed.startsWith(`v2.${tokenKeyId(oldKey)}.`)).toBe(true);
    expect(sealed).not.toContain('xoxb');
    expect(cipher.decrypt(sealed, 'T0TEAM001')).toBe(token);
    expect(cipher.isStale(sealed)).toBe(false);
  });

  it('uses a fresh IV every time', () => {
    expect(cipher.encrypt(token, 'T0TEAM001')).not.toBe(cipher.encrypt(token, 'T0TEAM001'));
  });

  it('refuses another workspace’s ciphertext, a wrong key and a tampered value', () => {
    const sealed = cipher.encrypt(token, 'T0TEAM001');
    expect(() => cipher.decrypt(sealed, 'T0TEAM002')).toThrow(TokenDecryptionError);
    expect(() => createTokenCipher(Buffer.alloc(32, 2)).decrypt(sealed, 'T0TEAM001')).toThrow(
      TokenDecryptionError,
    );
    const [v, kid, iv, tag, body = ''] = sealed.split('.');
    // The second-to-last character (the last may hold only padding bits), always changed.
    const flipped = `${body.slice(0, -2)}${body.at(-2) === 'A' ? 'B' : 'A'}${body.slice(-1)}`;
    expect(() => cipher.decrypt([v, kid, iv, tag, flipped].join('.'), 'T0TEAM001')).toThrow(
      TokenDecryptionError,
    );
    expect(() => cipher.decrypt('not-a-token', 'T0TEAM001')).toThrow(TokenDecryptionError);
  });

  it('refuses a tag cut short (4 bytes), in either format', () => {
    const short = (tag: string) => Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    const [v, kid, iv, tag = '', body] = cipher.encrypt(token, 'T0TEAM001').split('.');
    expect(() => cipher.decrypt([v, kid, iv, short(tag), body].join('.'), 'T0TEAM001')).toThrow(
      TokenDecryptionError,
    );
    const [v1, iv1, tag1 = '', body1] = sealV1(oldKey, token, 'T0TEAM001').split('.');
    expect(() => cipher.decrypt([v1, iv1, short(tag1), body1].join('.'), 'T0TEAM001')).toThrow(
      TokenDecryptionError,
    );
  });

  it('still reads the older format without a key id, and marks it for sealing again', () => {
    const old = sealV1(oldKey, token, 'T0TEAM001');
    expect(cipher.decrypt(old, 'T0TEAM001')).toBe(token);
    expect(cipher.isStale(old)).toBe(true);
  });

  it('rotates: the new key reads what the previous one sealed, and seals with itself only', () => {
    const before = cipher.encrypt(token, 'T0TEAM001');
    const rotated = createTokenCipher(newKey, oldKey);
    expect(rotated.decrypt(before, 'T0TEAM001')).toBe(token);
    expect(rotated.decrypt(sealV1(oldKey, token, 'T0TEAM001'), 'T0TEAM001')).toBe(token);
    expect(rotated.isStale(before)).toBe(true);
    const after = rotated.encrypt(token, 'T0TEAM001');
    expect(rotated.isStale(after)).toBe(false);
    expect(createTokenCipher(newKey).decrypt(after, 'T0TEAM001')).toBe(token);
    // Without the previous key, what it sealed cannot be read.
    expect(() => createTokenCipher(newKey).decrypt(before, 'T0TEAM001')).toThrow(TokenDecryptionError);
  });

  it('refuses a key that is not 32 bytes, and an all-zero key', () => {
    expect(() => createTokenCipher(Buffer.alloc(16))).toThrow();
    expect(() => createTokenCipher(Buffer.alloc(32))).toThrow(/all zeros/);
    expect(() => createTokenCipher(newKey, Buffer.alloc(32))).toThrow(/all zeros/);
  });
});
