/*
 * The plugin's change history on a SQLite file, for the benchmark: the
 * plugin's own ChangeStore and RunChangeWriter, opened on a knex of the
 * kind Backstage's database service hands a plugin.
 */
import { randomUUID } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { ChangeStore } from '../plugins/sentry-graph-backend/src/service/ChangeStore';
import { RunChangeWriter } from '../plugins/sentry-graph-backend/src/service/RunChangeWriter';
import { createConsoleLogger } from '../plugins/sentry-graph-backend/src/cli/consoleLogger';

export function benchKnex(file: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
}

/** The history on `file`, migrated, and the knex it reads through. */
export async function openBenchChangeStore(
  file: string,
): Promise<{ store: ChangeStore; knex: Knex }> {
  const knex = benchKnex(file);
  const store = await ChangeStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  return { store, knex };
}

/** A writer for one run's changes, and how to wait for it and close the file. */
export async function openBenchChangeWriter(file: string) {
  const { store, knex } = await openBenchChangeStore(file);
  const writer = new RunChangeWriter(
    store,
    randomUUID(),
    createConsoleLogger('warn'),
  );
  return {
    writer,
    close: async () => {
      const written = await writer.close();
      await knex.destroy();
      return written;
    },
  };
}
