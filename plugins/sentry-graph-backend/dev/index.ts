/*
 * A standalone Backstage backend with just this plugin, for the demo and for
 * trying the plugin out. `npm run demo` (scripts/demo.sh) runs it with
 *   node --import tsx plugins/sentry-graph-backend/dev/index.ts --config app-config.yaml
 * from the repository root; createBackend() reads the --config arguments
 * (and APP_CONFIG_* environment variables). `backstage-cli package start`
 * runs it too, restarting it whenever a file changes.
 *
 * No mock auth services here: the API is called with the static token from
 * backend.auth.externalAccess, as it would be in a real installation.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('../src'));
backend.start().catch(error => {
  // Backstage logs a failed startup (a bad sentryGraph config, say) but
  // keeps the process up, answering 503; exiting makes the failure visible.
  process.stderr.write(
    `dev backend: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
