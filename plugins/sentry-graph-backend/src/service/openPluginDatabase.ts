import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@sentry-graph/plugin-sentry-graph-backend',
  'migrations',
);

/**
 * The plugin's own database, migrated (unless Backstage is told to skip
 * migrations). Every store of the plugin opens it this way; knex runs each
 * migration once.
 */
export async function openPluginDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) await migrate(knex);
  return knex;
}

/**
 * Replicas that start together race to create knex's own migrations table
 * (PostgreSQL answers one of them with a duplicate-key error); a second try
 * sees the table. After that, knex's lock lets one replica migrate while
 * the others fail at once with "Migration table is already locked": they
 * wait for it, for as long as a migration may take on a busy database.
 */
const OTHER_ERROR_ATTEMPTS = 3;
const LOCKED_WAIT_MS = 60_000;

async function migrate(knex: Knex): Promise<void> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      const locked = /Migration table is already locked/.test(
        String((error as Error)?.message),
      );
      const giveUp = locked
        ? Date.now() - started > LOCKED_WAIT_MS
        : attempt >= OTHER_ERROR_ATTEMPTS;
      if (giveUp) throw error;
      await new Promise(resolve =>
        setTimeout(
          resolve,
          Math.min(200 * attempt, 2_000) + Math.random() * 300,
        ),
      );
    }
  }
}
