import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/** The PostgreSQL ids that scripts/postgres.sh (or CI) exported a connection string for. */
export const exportedPostgresIds = POSTGRES_IDS.filter(
  id =>
    process.env[
      `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
    ],
);

/**
 * Test databases for the PostgreSQL that `npm test` starts (whatever its
 * major version) and SQLite. With no PostgreSQL exported, POSTGRES_17 is
 * listed, which TestDatabases starts in Docker only when CI is set and
 * Docker is allowed; otherwise only SQLite runs and the skip is visible.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: [
      ...(exportedPostgresIds.length > 0
        ? exportedPostgresIds
        : ['POSTGRES_17' as const]),
      'SQLITE_3',
    ],
  });
}
