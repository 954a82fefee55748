// @ts-check

/**
 * The graph's summary per organization, as the last run left the graph.
 * Counting a large graph takes seconds (XL: 500,000 releases, 2.8 million
 * ADMIN_OF edges), too slow for a card that asks every minute; the run
 * counts once, after its cleanup, and GET /summary serves this table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sentry_graph_summaries', table => {
    table.comment(
      'Per organization: the summary GET /summary serves, as computed after a run',
    );
    table
      .string('organization_id', 64)
      .primary()
      .comment('Sentry organization id');
    table.string('slug', 255).notNullable();
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table
      .string('run_id', 36)
      .nullable()
      .comment('The run after which it was computed');
    table.text('summary_json').notNullable().comment('The OrganizationSummary');
    table.index(['slug'], 'sentry_graph_summaries_slug_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sentry_graph_summaries');
};
