/*
 * A standalone Backstage backend with the plugin, for the demo and for
 * trying the plugin out. `npm run demo` (scripts/demo.sh) runs it with
 *   node --import tsx plugins/sentry-graph-backend/dev/index.ts --config app-config.yaml
 * from the repository root; createBackend() reads the --config arguments
 * (and APP_CONFIG_* environment variables).
 *
 * The real catalog backend serves the demo's catalog, which the plugin joins
 * to Sentry. No mock auth services: the real auth backend signs the dev app's user in
 * through the guest provider, the real permission backend asks the demo's
 * policy (dev/demoPermissionPolicy.ts) who may start a sync, and scripts
 * call the API with the static token from backend.auth.externalAccess, as
 * they would in a real installation.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('../src'));
// The demo's catalog (dev/demoCatalog.ts writes it), joined to Sentry by the plugin.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./demoPermissionPolicy'));
backend.start().catch(error => {
  // Backstage logs a failed startup (a bad sentryGraph config, say) but
  // keeps the process up, answering 503; exiting makes the failure visible.
  process.stderr.write(
    `dev backend: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
