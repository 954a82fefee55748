/*
 * The second phase of the step, one check each: the prepared app running.
 * Its backend refuses a bad config and says what to fix, starts with the
 * good one, and runs a sync. The backend it starts goes into the run's
 * state, for the cleanup to stop and the browser checks to use.
 */
import { BackendApi, syncAndWait, waitForExampleComponent } from '../api';
import { localConfig } from '../app';
import { pluginLines, startBackend, startWithBadConfig } from '../backend';
import { appConfigEnv, type RunState } from '../runState';
import { seconds } from '../settings';

export async function runningAppChecks(state: RunState): Promise<void> {
  const { checks } = state;

  // A backend that does not start must say what to fix: the key, and the file.
  for (const bad of [
    {
      id: 'no-section',
      title:
        'without a sentryGraph section the backend does not start, and names the key and a config file',
      variant: 'no-section' as const,
      // Backstage's own message for a missing value: "Missing required config value at 'sentryGraph' in '<file>'".
      key: "'sentryGraph'",
      file: /app-config(\.local)?\.yaml/,
    },
    {
      id: 'bad-uri',
      title:
        'with a bad sentryGraph.neo4j.uri in app-config.local.yaml the backend does not start, and names the key and the file',
      variant: 'bad-neo4j-uri' as const,
      key: 'sentryGraph.neo4j.uri',
      file: /app-config\.local\.yaml/,
    },
  ]) {
    await checks.run(bad.id, bad.title, ['configure'], async () => {
      const settings = state.settings!;
      const failure = await startWithBadConfig(
        appConfigEnv(state),
        `http://127.0.0.1:${settings.backendPort}`,
        localConfig(settings, bad.variant),
        bad.key,
      );
      if (failure.lines.length === 0)
        throw new Error(
          `the backend's output never names ${bad.key}; its end:\n${failure.output.split('\n').slice(-20).join('\n')}`,
        );
      const named = failure.lines.find(line => bad.file.test(line));
      if (!named) {
        throw new Error(
          `the backend's message names ${bad.key} but no file (${
            bad.file.source
          }):\n${failure.lines
            .map(line => line.trim().slice(0, 400))
            .join('\n')}`,
        );
      }
      return [named.trim().slice(0, 400)];
    });
  }

  await checks.run(
    'backend',
    'the backend starts (`yarn workspace backend start`): "Plugin initialization complete", stderr clean',
    ['configure'],
    async () => {
      const baseUrl = `http://127.0.0.1:${state.settings!.backendPort}`;
      const started = Date.now();
      const backend = await startBackend(appConfigEnv(state), baseUrl);
      state.backend = backend;
      // app-backend looks for the built app once, when it starts (in
      // development it serves nothing, silently, if there is none): hence
      // the build first.
      const serving = backend
        .stdout()
        .includes('Serving static app content from');
      if (checks.passed('build') && !serving)
        throw new Error(
          'app-backend does not serve the built app (no "Serving static app content from" in its log)',
        );
      return [
        ...(serving
          ? ['app-backend serves the built app (packages/app/dist)']
          : []),
        `up ${seconds(Date.now() - started)} after \`yarn workspace backend start\`; the plugin logged:`,
        ...pluginLines(backend.stdout()).map(line => `  ${line.slice(0, 200)}`),
      ];
    },
  );

  await checks.run(
    'sync',
    'a sync through POST /api/sentry-graph/sync; /status says succeeded',
    ['backend'],
    async () => {
      const api = new BackendApi(
        `http://127.0.0.1:${state.settings!.backendPort}`,
        state.token,
      );
      await waitForExampleComponent(api);
      const sync = await syncAndWait(api);
      state.sync = sync;
      const totals = sync.run.totals;
      return [
        `run ${sync.run.id}: ${sync.run.status}${totals ? `, ${JSON.stringify(totals)}` : ''}`,
        ...sync.summary.organizations.map(
          o =>
            `${o.organization.slug}: ${Object.entries(o.nodes)
              .map(([label, n]) => `${label} ${n}`)
              .join(', ')}`,
        ),
      ];
    },
  );
}
