/*
 * The demo's permission policy: the users listed in
 * `sentryGraphDemo.syncRunners` may start a sync (sentry-graph.sync.run);
 * everyone else may not. Every other permission is allowed, as create-app's
 * allow-all policy does. It shows the policy an installation writes (the
 * README has the same shape, keyed on a group), and lets the browser tests
 * sign in as a user who lacks the permission.
 */
import {
  coreServices,
  createBackendModule,
  type BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { sentryGraphSyncRunPermission } from '@sentry-graph/plugin-sentry-graph-common';

class DemoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly syncRunners: ReadonlySet<string>) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, sentryGraphSyncRunPermission)) {
      // Backstage asks the policy for users only; their principal has the ref.
      const principal = user?.credentials.principal as
        BackstageUserPrincipal | undefined;
      const ref = principal?.userEntityRef;
      return {
        result:
          ref && this.syncRunners.has(ref)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'sentry-graph-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ policy, config }) {
        const runners =
          config.getOptionalStringArray('sentryGraphDemo.syncRunners') ?? [];
        policy.setPolicy(new DemoPermissionPolicy(new Set(runners)));
      },
    });
  },
});
