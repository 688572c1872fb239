/**
 * Generates methods.json (checked in) from the frozen 2020 Slack Web API OpenAPI spec plus the
 * corrections in shared/slack/PLATFORM.md §0 and §3.2. Run from the repo root:
 *
 *   npx tsx test/support/slack-emulator/generate-methods.ts
 *
 * Tests read only the generated file, so they never need the shared folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { MethodAuth, MethodSpec, MethodsFile } from './method-specs.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../../..');
const SPEC_PATH = resolve(REPO_ROOT, '../shared/slack/spec/slack_web_openapi_v2.json');
const OUTPUT_PATH = join(HERE, 'methods.json');

const specSchema = z.object({
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        parameters: z.array(z.object({ name: z.string(), required: z.boolean().optional() })).optional(),
      }),
    ),
  ),
});
type Spec = z.infer<typeof specSchema>;

interface Override {
  /** Replaces the spec's required list (the 2020 spec marks many real requirements optional). */
  required?: string[];
  /** At least one group must be fully present. */
  requiredOneOf?: string[][];
  /** Parameters the spec does not know yet. */
  extraKnown?: string[];
  /** The spec declares views.* as GET; real calls are POST only. */
  postOnly?: boolean;
  auth?: MethodAuth;
}

const CHAT_EXTRAS = ['metadata', 'markdown_text'];
const TRIGGER = [['trigger_id'], ['interactivity_pointer']];

/** Methods the app uses, with the PLATFORM.md §3.2 corrections. `null` = take the spec as is. */
const SUPPORTED: Record<string, Override | null> = {
  'auth.test': null,
  'users.info': { required: ['user'] },
  'users.list': null,
  'conversations.members': { required: ['channel'] },
  'conversations.info': { required: ['channel'] },
  'conversations.open': {
    required: [],
    requiredOneOf: [['users'], ['channel']],
    extraKnown: ['prevent_creation'],
  },
  'chat.postMessage': { extraKnown: CHAT_EXTRAS },
  'chat.postEphemeral': { extraKnown: CHAT_EXTRAS },
  'chat.update': { extraKnown: CHAT_EXTRAS },
  'chat.delete': { required: ['channel', 'ts'] },
  'chat.scheduleMessage': { required: ['channel', 'post_at'], extraKnown: CHAT_EXTRAS },
  'chat.getPermalink': { required: ['channel', 'message_ts'] },
  // Not in the 2020 spec: docs/slack-workflow-steps.md (verified against Slack's method pages).
  'functions.completeSuccess': { required: ['function_execution_id', 'outputs'], postOnly: true },
  'functions.completeError': { required: ['function_execution_id', 'error'], postOnly: true },
  'views.open': {
    required: ['view'],
    requiredOneOf: TRIGGER,
    extraKnown: ['interactivity_pointer'],
    postOnly: true,
  },
  'views.update': { required: ['view'], requiredOneOf: [['view_id'], ['external_id']], postOnly: true },
  'views.push': {
    required: ['view'],
    requiredOneOf: TRIGGER,
    extraKnown: ['interactivity_pointer'],
    postOnly: true,
  },
  'views.publish': { postOnly: true },
  'files.getUploadURLExternal': {
    required: ['filename', 'length'],
    extraKnown: ['alt_txt', 'alt_text', 'snippet_type'],
  },
  'files.completeUploadExternal': {
    required: ['files'],
    extraKnown: ['channel_id', 'channels', 'initial_comment', 'thread_ts', 'blocks'],
  },
  'team.info': null,
  'oauth.v2.access': {
    required: [],
    requiredOneOf: [['code'], ['grant_type', 'refresh_token']],
    extraKnown: ['grant_type', 'refresh_token', 'code_verifier'],
    auth: 'client',
  },
  'apps.uninstall': { required: ['client_id', 'client_secret'] },
  'apps.connections.open': { auth: 'app' },
};

/** Bolt adds the workspace's team_id to every call it makes (PLATFORM.md §3.1). */
const ALWAYS_KNOWN = ['team_id'];

function specParams(spec: Spec, method: string): { verbs: string[]; known: string[]; required: string[] } {
  const path = spec.paths[`/${method}`];
  if (path === undefined) return { verbs: [], known: [], required: [] };
  const params = Object.values(path).flatMap((op) => op.parameters ?? []);
  // The token never counts as a parameter: it comes in the Authorization header or a `token` field.
  const named = params.filter((p) => p.name !== 'token');
  return {
    verbs: Object.keys(path).map((v) => v.toUpperCase()),
    known: named.map((p) => p.name),
    required: named.filter((p) => p.required === true).map((p) => p.name),
  };
}

function buildSpec(spec: Spec, method: string, override: Override | null): MethodSpec {
  const fromSpec = specParams(spec, method);
  const o = override ?? {};
  const required = o.required ?? fromSpec.required;
  const requiredOneOf = o.requiredOneOf ?? [];
  const known = new Set([
    ...fromSpec.known,
    ...(o.extraKnown ?? []),
    ...required,
    ...requiredOneOf.flat(),
    ...ALWAYS_KNOWN,
  ]);
  // Every Web API method accepts POST (the SDK always posts); GET only where the spec declares it.
  const httpMethods = o.postOnly === true || !fromSpec.verbs.includes('GET') ? ['POST'] : ['GET', 'POST'];
  return {
    httpMethods,
    auth: o.auth ?? 'bot',
    required,
    requiredOneOf,
    known: [...known].sort(),
  };
}

function main(): void {
  const spec = specSchema.parse(JSON.parse(readFileSync(SPEC_PATH, 'utf8')));
  const methods: Record<string, MethodSpec> = {};
  for (const [method, override] of Object.entries(SUPPORTED))
    methods[method] = buildSpec(spec, method, override);
  const output: MethodsFile = {
    $comment: 'Generated by test/support/slack-emulator/generate-methods.ts; do not edit by hand.',
    source: 'shared/slack/spec/slack_web_openapi_v2.json + PLATFORM.md §0/§3.2 overrides',
    methods,
  };
  writeFileSync(OUTPUT_PATH, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`wrote ${Object.keys(methods).length} methods to ${OUTPUT_PATH}`);
}

main();
