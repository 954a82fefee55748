// @ts-check

/**
 * The change history (issue 21): one row per change a run wrote to the
 * graph, newest with the highest `id`. Rows are pruned by age and by count
 * (sentryGraph.changes.maxAge, maxRows); nothing else reads them, so a
 * replica on an older version is unaffected.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sentry_graph_changes', table => {
    table.comment('What each sync run changed in the graph');
    table
      .bigIncrements('id')
      .primary()
      .comment('Increases with recording order: the cursor');
    table
      .string('run_id', 36)
      .notNullable()
      .comment('The run (sentry_graph_sync_runs.id) that wrote it');
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.string('organization_id', 64).notNullable();
    table.string('organization_slug', 255).notNullable();
    table
      .string('kind', 32)
      .notNullable()
      .comment('member, team, project, alertRule, release, organization');
    table
      .string('change', 32)
      .notNullable()
      .comment(
        'added, removed, role, 2fa, sso, invite, membership, team-role, team, status, changed, count, initial-import',
      );
    table
      .string('field', 128)
      .nullable()
      .comment('The graph property, or release count, that changed');
    table.string('entity_id', 255).notNullable();
    table.text('entity_name').nullable();
    table.string('related_kind', 32).nullable();
    table.string('related_id', 255).nullable();
    table.text('related_name').nullable();
    table
      .text('before_json')
      .nullable()
      .comment('JSON: the value before; null when none');
    table
      .text('after_json')
      .nullable()
      .comment('JSON: the value after; null when none');
    table.index(['recorded_at'], 'sentry_graph_changes_recorded_at_idx');
    table.index(['run_id'], 'sentry_graph_changes_run_id_idx');
    table.index(['entity_id'], 'sentry_graph_changes_entity_id_idx');
    table.index(['related_id'], 'sentry_graph_changes_related_id_idx');
    table.index(
      ['organization_slug', 'id'],
      'sentry_graph_changes_organization_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sentry_graph_changes');
};
