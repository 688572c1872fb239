import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.ts';

describe('migrations', () => {
  const files = readdirSync(new URL('../../../migrations', import.meta.url))
    .filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, ''));

  it('are all registered in migrations/index.ts', () => {
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });

  it('are named YYYYMMDDTHHMMSS-kebab-name', () => {
    for (const name of files) expect(name).toMatch(/^\d{8}T\d{6}-[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
