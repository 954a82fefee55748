/*
 * What the checks of one run share: what one check finds and a later one
 * uses (the tarballs, the app's ports, the sync), and what the cleanup must
 * stop (the backend, the sample server, a Neo4j this run started). One
 * object, created by run.ts and handed to each phase, so that the cleanup on
 * exit or Ctrl-C sees what the checks started.
 */
import type { SyncOutcome } from './api';
import { TOKEN_VARIABLE, type AppSettings } from './app';
import type { Checks } from './checks';
import type { Started } from './processes';
import type { SampleServer } from './servers';
import { NEO4J, SENTRY_TOKEN } from './settings';
import type { Tarballs } from './tarballs';
import { appEnv } from './yarn';

export interface RunOptions {
  /** --skip-pack: the newest tarballs in packs/ instead of `npm run pack`. */
  skipPack: boolean;
  /** --reuse-app: the previous run's app and its node_modules, no create-app. */
  reuseApp: boolean;
}

export interface RunState {
  readonly options: RunOptions;
  readonly checks: Checks;
  /** The app's static externalAccess token: the sync's POST and the browser checks send it. */
  readonly token: string;
  /*
   * Set by the check that finds them; a check that reads one needs (see
   * Checks.run) the check that sets it, hence the `!` where they are read.
   */
  tarballs?: Tarballs;
  sampleServer?: SampleServer;
  /** Whether the servers check started the tests' Neo4j, which the cleanup then stops. */
  neo4jStartedHere: boolean;
  settings?: AppSettings;
  backend?: Started;
  sync?: SyncOutcome;
}

/** The environment of the app's commands that read its config: the secrets app-config.local.yaml takes from it. */
export function appConfigEnv(state: RunState): NodeJS.ProcessEnv {
  return appEnv({
    [TOKEN_VARIABLE]: state.token,
    SENTRY_TOKEN,
    NEO4J_PASSWORD: NEO4J.password,
  });
}
