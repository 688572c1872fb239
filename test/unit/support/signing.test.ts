import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../support/slack-emulator/signing.ts';

describe('signSlackRequest', () => {
  it('reproduces the PLATFORM.md §1.2 worked example', () => {
    const body = 'command=%2Ftrust&text=help&team_id=T0TEAM001&user_id=U0ALICE01';
    expect(signSlackRequest('test-signing-secret', 1700000000, body)).toBe(
      'v0=0f8899724da7ac46364735df9fd505d50d27658b32b5905292aa7e0d61f9419b',
    );
    expect(signSlackRequest('test-signing-secret', '1700000000', body)).toBe(
      signSlackRequest('test-signing-secret', 1700000000, body),
    );
  });
});
