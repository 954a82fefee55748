// @ts-check

/**
 * The catalog part of GET /summary, stored after each run like the
 * organizations' summaries (20261129000000_summaries.js): one row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sentry_graph_catalog_summary', table => {
    table.comment(
      'The catalog joined to Sentry, as computed after a run; one row',
    );
    table.string('id', 16).primary().comment("Always 'catalog'");
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.string('run_id', 36).nullable();
    table.text('summary_json').notNullable().comment('The CatalogSummary');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sentry_graph_catalog_summary');
};
