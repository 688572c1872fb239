import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Workspace tokens at rest: AES-256-GCM with a random 96-bit IV per value and the full 128-bit tag.
 * The workspace id is authenticated data, so a ciphertext copied into another workspace's row does
 * not decrypt.
 * Format: `v2.<key id>.<iv>.<tag>.<ciphertext>`, each part base64url; the key id (a hash of the key,
 * never the key) names which key sealed it, so the key can rotate. The older `v1.<iv>.<tag>.<ciphertext>`
 * (no key id) is still read, with the current key first and then the previous one.
 */
export interface TokenCipher {
  encrypt(plain: string, workspaceId: string): string;
  decrypt(sealed: string, workspaceId: string): string;
  /** True when a stored value should be sealed again with the current key (older format or key). */
  isStale(sealed: string): boolean;
}

export class TokenDecryptionError extends Error {
  readonly code = 'token_decryption_failed';
  constructor() {
    super('A stored token could not be decrypted (wrong TOKEN_ENCRYPTION_KEY or a tampered row).');
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A short public name for a key: 8 base64url characters of a labelled SHA-256 of it. */
export function tokenKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('trust-habits/token-key-id/v1')
    .update(key)
    .digest()
    .subarray(0, 6)
    .toString('base64url');
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('The token encryption key must be 32 bytes.');
  if (key.every((byte) => byte === 0)) throw new Error('The token encryption key must not be all zeros.');
}

function open(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, workspaceId: string): string {
  // A cut-down tag would make forgeries cheap: only the full 16 bytes (and a 12-byte IV) are accepted.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TokenDecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(workspaceId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new TokenDecryptionError();
  }
}

/** `key` seals; `previous` (after a rotation) is only used to read what it sealed before. */
export function createTokenCipher(key: Buffer, previous?: Buffer): TokenCipher {
  checkKey(key);
  if (previous) checkKey(previous);
  const currentId = tokenKeyId(key);
  const keys = new Map<string, Buffer>([[currentId, key]]);
  if (previous && !previous.equals(key)) keys.set(tokenKeyId(previous), previous);
  const b64 = (text: string) => Buffer.from(text, 'base64url');
  return {
    encrypt(plain, workspaceId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(workspaceId, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return ['v2', currentId, ...parts].join('.');
    },
    decrypt(sealed, workspaceId) {
      const parts = sealed.split('.');
      if (parts[0] === 'v2' && parts.length === 5) {
        const [, keyId = '', iv = '', tag = '', body = ''] = parts;
        const named = keys.get(keyId);
        if (!named) throw new TokenDecryptionError();
        return open(named, b64(iv), b64(tag), b64(body), workspaceId);
      }
      if (parts[0] === 'v1' && parts.length === 4) {
        const [, iv = '', tag = '', body = ''] = parts;
        for (const candidate of keys.values()) {
          try {
            return open(candidate, b64(iv), b64(tag), b64(body), workspaceId);
          } catch {
            // try the next key
          }
        }
      }
      throw new TokenDecryptionError();
    },
    isStale(sealed) {
      return !sealed.startsWith(`v2.${currentId}.`);
    },
  };
}
