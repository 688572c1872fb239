import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseConfig } from '../../src/config.ts';
import { en } from '../../src/i18n/en.ts';
import { nb } from '../../src/i18n/nb.ts';
import { createLogger } from '../../src/logger.ts';
import { createMetrics } from '../../src/metrics.ts';
import { createSlackApp, type ListenerInventory } from '../../src/slack/slack-app.ts';
import { systemClock } from '../../src/system-clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// v2 parameters: properties plus a `required` list naming only declared ones (docs/slack-workflow-steps.md).
const functionParameters = z
  .strictObject({
    properties: z.record(
      z.string().regex(/^[a-z][a-z0-9_]*$/),
      z.strictObject({
        type: z.enum(['string', 'integer', 'boolean', 'slack#/types/user_id', 'slack#/types/channel_id']),
        title: z.string().min(1),
        description: z.string().optional(),
        hint: z.string().optional(),
      }),
    ),
    required: z.array(z.string()).optional(),
  })
  .refine((p) => (p.required ?? []).every((name) => name in p.properties), 'required names a parameter');

const manifestSchema = z.object({
  display_information: z.object({
    name: z.string().min(1).max(35),
    description: z.string().max(140),
    long_description: z.string().min(175).max(4000),
    background_color: z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/),
  }),
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.literal(true) }),
    bot_user: z.object({ display_name: z.string().regex(/^[a-z0-9._-]{1,80}$/) }),
    slash_commands: z
      .array(
        z.object({
          command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000),
          url: z.url().optional(),
          should_escape: z.literal(true),
        }),
      )
      .max(50),
    shortcuts: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(24),
          type: z.enum(['message', 'global']),
          callback_id: z.string().min(1).max(255),
          description: z.string().min(1).max(150),
        }),
      )
      .max(10),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()).min(1).max(255) }) }),
  functions: z
    .record(
      z.string().min(1).max(100),
      z.strictObject({
        title: z.string().min(1).max(255),
        description: z.string().max(1000).optional(),
        input_parameters: functionParameters,
        output_parameters: functionParameters,
      }),
    )
    .optional(),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()).max(100) }),
    interactivity: z.object({ is_enabled: z.boolean() }),
    function_runtime: z.literal('remote').optional(),
  }),
});

let database: TestDatabase;
let listeners: ListenerInventory;

beforeAll(async () => {
  database = await createTestDatabase();
  const { config, secrets } = parseConfig({
    SLACK_SIGNING_SECRET: 'manifest-test-signing-secret-0123456789',
    SLACK_BOT_TOKEN: 'xoxb-manifest',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    PULSE_SECRET: 'manifest-test-pulse-secret-0123456789',
    DATA_DIR: '.tmp/manifest-test',
  });
  const runtime = createSlackApp({
    config,
    secrets,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    db: database.db,
    clock: systemClock,
    kickOutbox: () => {},
    checkinComposer: { composePage: async (page) => page.map(() => ({ text: '', blocks: [] })) },
  });
  listeners = runtime.listeners;
});
afterAll(async () => {
  await database.close();
});

describe('manifest.yml', () => {
  const manifest = manifestSchema.parse(parse(readFileSync('manifest.yml', 'utf8')));

  it('names exactly the slash commands the app listens to', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      [...listeners.commands].sort(),
    );
  });

  it('subscribes to exactly the bot events the app listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...listeners.events].sort(),
    );
  });

  it('names exactly the shortcuts the app listens to, each once', () => {
    const ids = manifest.features.shortcuts.map((s) => s.callback_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...listeners.shortcuts].sort());
  });

  it('labels each shortcut in both languages within Slack’s limits', () => {
    for (const m of [en, nb]) {
      for (const name of Object.values(m.shortcuts.names)) expect(name.length).toBeLessThanOrEqual(24);
    }
    expect(manifest.features.shortcuts.map((s) => s.name).sort()).toEqual(
      Object.values(en.shortcuts.names).sort(),
    );
  });

  it('declares exactly the Workflow Builder steps the app listens to, run by the app itself', () => {
    expect(Object.keys(manifest.functions ?? {}).sort()).toEqual([...listeners.functions].sort());
    expect(manifest.settings.function_runtime).toBe(listeners.functions.length > 0 ? 'remote' : undefined);
  });

  it('turns interactivity on exactly when the app listens to actions, views or shortcuts', () => {
    const interactive = listeners.actions.length + listeners.views.length + listeners.shortcuts.length > 0;
    expect(manifest.settings.interactivity.is_enabled).toBe(interactive);
  });

  it('asks for the scopes the features need and no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'channels:read',
      'chat:write',
      'commands',
      'files:write',
      'groups:read',
      'im:write',
      'users:read',
    ]);
  });
});
