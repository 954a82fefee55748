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
 * (PostgreSQL answers one of them with a duplicate-key error); knex's lock
 * only guards the migrations after that. A second try sees the table.
 */
async function migrate(knex: Knex, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise(resolve =>
        setTimeout(resolve, 200 * attempt + Math.random() * 300),
      );
    }
  }
}
