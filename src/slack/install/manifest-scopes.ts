import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.ts';

/**
 * The bot scopes `manifest.yml` asks for, so an OAuth install requests exactly what the manifest
 * declares. Reads only the `oauth_config.scopes.bot` list (a test compares it with a YAML parser).
 */
export function manifestBotScopes(
  text: string = readFileSync(join(packageRoot(), 'manifest.yml'), 'utf8'),
): string[] {
  const scopes: string[] = [];
  let path: string[] = [];
  for (const line of text.split('\n')) {
    const content = line.replace(/\s+#.*$/, '');
    if (content.trim() === '' || content.trimStart().startsWith('#')) continue;
    const indent = content.length - content.trimStart().length;
    const key = /^\s*([\w-]+):\s*$/.exec(content)?.[1];
    const item = /^\s*-\s+(\S+)\s*$/.exec(content)?.[1];
    if (key !== undefined) {
      path = [...path.slice(0, indent / 2), key];
    } else if (item !== undefined && path.join('.') === 'oauth_config.scopes.bot') {
      scopes.push(item);
    } else if (item === undefined) {
      path = path.slice(0, indent / 2);
    }
  }
  if (scopes.length === 0) throw new Error('manifest.yml lists no bot scopes under oauth_config.scopes.bot');
  return scopes;
}
