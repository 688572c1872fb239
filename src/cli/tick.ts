import { z } from 'zod';
import { buildSchedulerDeps } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import { migrateToLatest } from '../persistence/migrator.ts';
import { runTick } from '../scheduler/scheduler.ts';
import { runCommand, withDatabase } from './run-command.ts';

// `npm run tick -- --at <ISO-8601 instant>`: one scheduler pass as if the clock read that instant.

const args = z.object({
  at: z.iso.datetime({ offset: true, message: '--at needs an ISO-8601 instant, e.g. 2026-11-23T09:00:00Z' }),
});

function parseArgs(argv: string[]): Date {
  const index = argv.indexOf('--at');
  const inline = argv.find((a) => a.startsWith('--at='))?.slice('--at='.length);
  const value = inline ?? (index >= 0 ? argv[index + 1] : undefined);
  const parsed = args.safeParse({ at: value });
  if (!parsed.success) {
    process.stderr.write(
      `${parsed.error.issues[0]?.message ?? 'bad arguments'}\nUsage: npm run tick -- --at 2026-11-23T09:00:00Z\n`,
    );
    process.exit(64);
  }
  return new Date(parsed.data.at);
}

const at = parseArgs(process.argv.slice(2));
await runCommand('tick failed', async () => {
  const { config, secrets } = loadConfig('worker');
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  await withDatabase({ databaseUrl: secrets.databaseUrl, dataDir: config.dataDir }, async (database) => {
    await migrateToLatest(database.db);
    const deps = buildSchedulerDeps({ config, secrets, logger, metrics: createMetrics(), db: database.db });
    const summary = await runTick(deps, at, { waitForRetries: true, budgetMs: 5 * 60_000 });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  });
});
