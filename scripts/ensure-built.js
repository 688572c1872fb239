// `prestart`, `pretick`, `premigrate`: builds `dist/` first when it is missing or older than the
// sources, so `npm ci && npm start` works on a fresh clone. Plain JavaScript: it runs before any
// TypeScript is compiled. A deployed copy without `src/` (the Docker image) is left alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'src', 'main.js');
const sources = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, p));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted or renamed file changes its folder's mtime
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function main() {
  if (!existsSync(join(root, 'src'))) {
    if (existsSync(built)) return 0;
    console.error('dist/ is missing and there are no sources to build it from.');
    return 1;
  }
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtAt >= Math.max(...sources.map(newestMtime))) return 0;
  if (!existsSync(join(root, 'node_modules', 'typescript'))) {
    console.error(
      'dist/ is missing or older than src/, and TypeScript is not installed: run `npm ci` (with dev dependencies) and `npm run build`.',
    );
    return 1;
  }
  console.error(
    builtAt === 0
      ? 'Building dist/ (first start) …'
      : 'Sources changed since the last build; rebuilding dist/ …',
  );
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], {
        cwd: root,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  return result.status ?? 1;
}

process.exit(main());
