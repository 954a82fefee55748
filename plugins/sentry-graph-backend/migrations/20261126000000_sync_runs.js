// @ts-check

/**
 * One row per sync run, scheduled or requested by hand.
 *
 * - `seq` is the primary key rather than `id` because SQLite can only
 *   auto-number an INTEGER PRIMARY KEY. The database assigns it at insert, so
 *   it orders runs deterministically (two runs may share a millisecond, and
 *   replicas' clocks may disagree) and serves as the paging cursor. `id` (a
 *   UUID) is the public handle and is unique.
 * - Timestamps are written by the store as ISO strings and read back through
 *   `new Date(...)`: PostgreSQL keeps them as timestamptz, SQLite as text, and
 *   both round-trip to the same ISO string.
 * - The totals are copied out of the result at finish so that listings never
 *   have to read `result_json`, which can be large.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sentry_graph_sync_runs', table => {
    table.comment('Sync runs of the sentry-graph plugin, newest last');
    table.increments('seq').comment('Insertion order; ordering and paging');
    table.string('id', 36).notNullable().unique().comment('Run UUID');
    table.string('trigger', 16).notNullable().comment("'scheduled' | 'manual'");
    table
      .string('requested_by', 255)
      .nullable()
      .comment(
        'Who requested a manual run: a user entity ref, or a service principal subject',
      );
    table
      .string('status', 16)
      .notNullable()
      .comment(
        "'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'aborted'",
      );
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment(
        'Last write by the process running it; tells live runs from abandoned ones',
      );
    table.text('progress_json').nullable();
    table.text('result_json').nullable().comment('The whole SyncRunResult');
    table.text('error_summary').nullable();
    table.integer('fetched').nullable();
    table.integer('written').nullable();
    table.integer('deleted').nullable();
    table.integer('invalid').nullable();
    table.index(['created_at'], 'sentry_graph_sync_runs_created_at_idx');
    table.index(['status'], 'sentry_graph_sync_runs_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sentry_graph_sync_runs');
};
