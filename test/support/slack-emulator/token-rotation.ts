/**
 * Token rotation (PLATFORM.md §6.5): once turned on for the app it cannot be turned off; bot tokens
 * (`xoxe.xoxb-…`) live 12 hours, refresh tokens (`xoxe-1-…`) are single-use, and refreshing keeps
 * at most two access tokens of a workspace alive (the oldest extra one is revoked).
 */
import type { Directory } from './directory.ts';
import { randomHex } from './ids.ts';

export const ROTATING_TOKEN_TTL_SECONDS = 43_200;

export interface RotatedToken {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export class TokenRotation {
  private on = false;
  private readonly refreshTokens = new Map<string, { teamId: string; used: boolean }>();
  /** Live rotating access tokens per workspace, oldest first. */
  private readonly live = new Map<string, string[]>();

  constructor(
    private readonly directory: Directory,
    private readonly now: () => number,
  ) {}

  get enabled(): boolean {
    return this.on;
  }

  enable(): void {
    this.on = true;
  }

  /** A new access token and refresh token for a workspace (install or refresh). */
  issue(teamId: string): RotatedToken {
    const accessToken = `xoxe.xoxb-1-${teamId}-${randomHex(16)}`;
    const refreshToken = `xoxe-1-${randomHex(24)}`;
    this.directory.registerToken(accessToken, {
      kind: 'bot',
      teamId,
      expiresAt: this.now() + ROTATING_TOKEN_TTL_SECONDS * 1000,
    });
    this.directory.setCurrentBotToken(teamId, accessToken);
    this.refreshTokens.set(refreshToken, { teamId, used: false });
    const live = [...(this.live.get(teamId) ?? []), accessToken];
    while (live.length > 2) {
      const oldest = live.shift();
      if (oldest !== undefined) this.directory.revokeToken(oldest, 'token_revoked');
    }
    this.live.set(teamId, live);
    return { accessToken, refreshToken, expiresIn: ROTATING_TOKEN_TTL_SECONDS };
  }

  /** `invalid_refresh_token` for unknown, already used or uninstalled refresh tokens. */
  refresh(refreshToken: string): RotatedToken | { error: string } {
    const grant = this.refreshTokens.get(refreshToken);
    if (grant === undefined || grant.used) return { error: 'invalid_refresh_token' };
    if (this.directory.workspace(grant.teamId) === undefined) return { error: 'invalid_refresh_token' };
    grant.used = true;
    return this.issue(grant.teamId);
  }

  /** Uninstall: refresh tokens of the workspace stop working with its access tokens. */
  revokeTeam(teamId: string): void {
    for (const grant of this.refreshTokens.values()) if (grant.teamId === teamId) grant.used = true;
    this.live.delete(teamId);
  }
}
