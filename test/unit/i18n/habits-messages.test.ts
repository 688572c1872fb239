import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en.ts';
import { nb } from '../../../src/i18n/nb.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('habit texts', () => {
  it('exist in both languages with the same keys', () => {
    expect(Object.keys(nb.habits).sort()).toEqual(Object.keys(en.habits).sort());
    expect(Object.keys(nb.habits.answers).sort()).toEqual(Object.keys(en.habits.answers).sort());
  });

  it('are all used somewhere in the app', () => {
    const code = sourceFiles('src')
      .filter((path) => !path.includes(join('src', 'i18n')))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const unused = Object.keys(en.habits).filter((key) => !code.includes(`habits.${key}`));
    expect(unused).toEqual([]);
  });
});
