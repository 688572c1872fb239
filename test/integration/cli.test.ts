import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const tsx = 'node_modules/.bin/tsx';

function run(script: string, env: Record<string, string>, args: string[] = []) {
  const started = performance.now();
  const result = spawnSync(tsx, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 110_000,
  });
  return { ...result, ms: performance.now() - started };
}

describe('npm start with a bad configuration', () => {
  it('exits non-zero within 2 s naming every bad variable, without a stack trace', () => {
    // Starting node and tsx at all takes a while on a busy CI machine; what must stay under 2 s is
    // what the app adds on top of that before it gives up.
    const baseline = run('test/support/noop.ts', {});
    const result = run('src/main.ts', { PORT: 'abc', MIN_GROUP_SIZE: '1', SCHEDULER: 'sometimes' });
    expect(result.status).not.toBe(0);
    expect(result.ms - baseline.ms).toBeLessThan(2_000);
    expect(result.ms).toBeLessThan(10_000);
    for (const variable of [
      'PORT',
      'MIN_GROUP_SIZE',
      'SCHEDULER',
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
    ]) {
      expect(result.stderr).toContain(variable);
    }
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run demo', () => {
  it('plays the story on the real app and prints what each person sees', () => {
    const result = run('src/cli/demo.ts', {});
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Alice sees');
    expect(result.stdout).toContain('For everyone');
    expect(result.stdout).toContain('Kari sees');
    expect(result.stdout).toContain('For alle');
    expect(result.stdout).toContain('Did you mean `/trust promises`?');
    expect(result.stdout).toMatch(/written to:\n\s+\S+trust-trend\.png/);
    expect(result.stdout).toMatch(/0 Block Kit errors/);
    // The whole product's story: about 30 s on a busy 2-core machine.
  }, 120_000);
});
