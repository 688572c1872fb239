import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Workspace tokens at rest: AES-256-GCM with a random 96-bit IV per value. The workspace id is
 * authenticated data, so a ciphertext copied into another workspace's row does not decrypt.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export interface TokenCipher {
  encrypt(plain: string, workspaceId: string): string;
  decrypt(sealed: string, workspaceId: string): string;
}

export class TokenDecryptionError extends Error {
  readonly code = 'token_decryption_failed';
  constructor() {
    super('A stored token could not be decrypted (wrong TOKEN_ENCRYPTION_KEY or a tampered row).');
  }
}

const VERSION = 'v1';

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new Error('The token encryption key must be 32 bytes.');
  return {
    encrypt(plain, workspaceId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(workspaceId, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    decrypt(sealed, workspaceId) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined)
        throw new TokenDecryptionError();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(workspaceId, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new TokenDecryptionError();
      }
    },
  };
}
