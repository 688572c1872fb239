/** OAuth v2 authorization codes: what Slack would append to the redirect URL (PLATFORM.md §6.1). */
import { randomHex } from './ids.ts';

export const CODE_TTL_MS = 10 * 60 * 1000;

export interface CodeGrant {
  teamId: string;
  userId: string;
  scopes: string[];
  redirectUri?: string;
  /** An Enterprise Grid org admin installing for the whole org (PLATFORM.md §6.1). */
  enterpriseInstall?: boolean;
}

export class OAuthCodes {
  private codes = new Map<string, CodeGrant & { issuedAt: number; used: boolean }>();

  constructor(private readonly now: () => number) {}

  issue(grant: CodeGrant): string {
    const code = `${grant.teamId}.${randomHex(12)}`;
    this.codes.set(code, { ...grant, issuedAt: this.now(), used: false });
    return code;
  }

  /** Codes are single-use and expire after 10 minutes. */
  redeem(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    if (grant === undefined || grant.used || this.now() - grant.issuedAt > CODE_TTL_MS) return undefined;
    grant.used = true;
    return grant;
  }

  clear(): void {
    this.codes.clear();
  }
}
