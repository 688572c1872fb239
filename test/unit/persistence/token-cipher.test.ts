import { describe, expect, it } from 'vitest';
import { createTokenCipher, TokenDecryptionError } from '../../../src/persistence/token-cipher.ts';

const cipher = createTokenCipher(Buffer.alloc(32, 1));
const token = 'xoxb-1111-2222-abcdefghijklmnop';

describe('token encryption at rest', () => {
  it('round-trips a token without it showing in the stored text', () => {
    const sealed = cipher.encrypt(token, 'T0TEAM001');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('xoxb');
    expect(cipher.decrypt(sealed, 'T0TEAM001')).toBe(token);
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
    const [v, iv, tag, body = ''] = sealed.split('.');
    const flipped = `${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}`;
    expect(() => cipher.decrypt([v, iv, tag, flipped].join('.'), 'T0TEAM001')).toThrow(TokenDecryptionError);
    expect(() => cipher.decrypt('not-a-token', 'T0TEAM001')).toThrow(TokenDecryptionError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createTokenCipher(Buffer.alloc(16))).toThrow();
  });
});
