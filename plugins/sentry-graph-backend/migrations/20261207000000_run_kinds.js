// @ts-check

/**
 * Each run's kind (issue 20): `requested_kind`, what was asked for when it
 * was queued or claimed (a manual run's POST /sync?mode=, the schedule's
 * choice for a scheduled one), and `kind`, the kind it was: the requested
 * one until it ends, then the result's (a routine run asked for runs full
 * on a graph without a full run, or of an older schema version).
 *
 * Rows from before have neither, and were all full runs: the store reads a
 * missing kind as `full`. Nothing is backfilled, so that a replica still on
 * the old version, which writes no kind, is read the same way.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sentry_graph_sync_runs', table => {
    table
      .string('requested_kind', 16)
      .nullable()
      .comment(
        "'full' | 'routine': the kind asked for; null before there were two kinds (full)",
      );
    table
      .string('kind', 16)
      .nullable()
      .comment(
        "'full' | 'routine': the kind the run was, once it ended (else the requested one); null: full",
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sentry_graph_sync_runs', table => {
    table.dropColumn('kind');
    table.dropColumn('requested_kind');
  });
};
