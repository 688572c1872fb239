import { describe, expect, it } from 'vitest';
import { HANDLERS } from '../../support/slack-emulator/api-handlers.ts';
import { methodSpec, missingParams, supportedMethods } from '../../support/slack-emulator/method-specs.ts';

const SUPPORTED = [
  'auth.test',
  'users.info',
  'users.list',
  'conversations.members',
  'conversations.info',
  'conversations.open',
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'chat.delete',
  'chat.scheduleMessage',
  'chat.getPermalink',
  'functions.completeSuccess',
  'functions.completeError',
  'views.open',
  'views.update',
  'views.push',
  'views.publish',
  'files.getUploadURLExternal',
  'files.completeUploadExternal',
  'team.info',
  'oauth.v2.access',
  'apps.uninstall',
  'apps.connections.open',
];

function spec(method: string) {
  const found = methodSpec(method);
  if (found === undefined) throw new Error(`${method} missing from methods.json`);
  return found;
}

describe('methods.json', () => {
  it('lists exactly the supported methods, each with a handler', () => {
    expect(supportedMethods().sort()).toEqual([...SUPPORTED].sort());
    expect(Object.keys(HANDLERS).sort()).toEqual([...SUPPORTED].sort());
  });

  it('never requires the token', () => {
    for (const method of SUPPORTED) expect(spec(method).required).not.toContain('token');
  });

  it('applies the PLATFORM.md overrides', () => {
    expect(spec('views.open').httpMethods).toEqual(['POST']);
    expect(spec('users.info').required).toEqual(['user']);
    expect(spec('chat.delete').required).toEqual(['channel', 'ts']);
    expect(spec('files.getUploadURLExternal').known).toEqual(
      expect.arrayContaining(['alt_txt', 'alt_text', 'snippet_type']),
    );
    expect(spec('oauth.v2.access').auth).toBe('client');
    expect(spec('apps.connections.open').auth).toBe('app');
    // Newer than the 2020 spec: docs/slack-workflow-steps.md.
    expect(spec('functions.completeSuccess').required).toEqual(['function_execution_id', 'outputs']);
    expect(spec('functions.completeError').required).toEqual(['function_execution_id', 'error']);
  });

  it('reports missing params, including one-of groups', () => {
    expect(missingParams(spec('chat.postEphemeral'), { channel: 'C1' })).toEqual([
      '[ERROR] missing required field: user',
    ]);
    expect(missingParams(spec('oauth.v2.access'), { grant_type: 'refresh_token' })).toEqual([
      '[ERROR] missing required field: code or grant_type+refresh_token',
    ]);
    expect(missingParams(spec('oauth.v2.access'), { code: 'abc' })).toEqual([]);
    expect(missingParams(spec('views.update'), { view: {}, external_id: 'x' })).toEqual([]);
  });

  it('rejects unsupported methods by name', () => {
    expect(methodSpec('files.upload')).toBeUndefined();
    expect(methodSpec('toString')).toBeUndefined();
  });
});
