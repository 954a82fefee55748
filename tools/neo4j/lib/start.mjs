// Making sure a usable Neo4j answers on a port: reusing one, or starting one.
import fs from 'node:fs';
import { boltCheck } from './boltCheck.mjs';
import { buildIfNeeded } from './build.mjs';
import { resolveConfig } from './config.mjs';
import { rmQuiet, withLock } from './files.mjs';
import { findJava } from './java.mjs';
import { launchNeo4j } from './launch.mjs';
import {
  isAlive,
  isOurLauncher,
  launcherPort,
  readPid,
  waitForExit,
} from './processes.mjs';
import { waitForReady } from './readiness.mjs';

/**
 * Makes sure a Neo4j answers Bolt on the configured port with the configured
 * credentials: reuses one that already does, otherwise builds the launcher if
 * needed, starts it detached and resolves once a Bolt client ran `RETURN 1`.
 * @returns {Promise<{uri:string,host:string,port:number,user:string,password:string,dataDir:string,logFile:string,pid:number|null,version:string|null,reused:boolean}>}
 */
export async function ensureNeo4j(options = {}) {
  const cfg = resolveConfig(options);
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  return withLock(
    cfg.lockFile,
    cfg.timeoutMs,
    `start of Neo4j on port ${cfg.port}`,
    async () => {
      const result = extra => ({
        uri: cfg.uri,
        host: cfg.host,
        port: cfg.port,
        user: cfg.user,
        password: cfg.password,
        dataDir: cfg.dataDir,
        logFile: cfg.logFile,
        ...extra,
      });

      // The launcher that this data dir's pid file names, if it still runs.
      let ownPid = readPid(cfg.pidFile);
      if (ownPid && !(isAlive(ownPid) && isOurLauncher(ownPid))) ownPid = null;
      if (ownPid) {
        const ownPort = launcherPort(ownPid);
        if (ownPort !== null && ownPort !== cfg.port) {
          throw new Error(
            `data dir ${cfg.dataDir} is in use by the Neo4j launcher pid ${ownPid} on port ${ownPort}; ` +
              `stop it (NEO4J_BOLT_PORT=${ownPort} node tools/neo4j/neo4j.mjs stop) or use another NEO4J_DATA_DIR`,
          );
        }
        if (!fs.existsSync(cfg.readyFile)) {
          // Still starting (e.g. started by a process that gave up waiting), or stopping.
          cfg.log(
            `the launcher for ${cfg.uri} (pid ${ownPid}) is starting or stopping; waiting for it`,
          );
          const ready = await waitForReady(cfg, ownPid, null, Date.now(), {
            adopted: true,
          });
          if (ready)
            return result({
              pid: ownPid,
              version: ready.version,
              reused: true,
            });
          ownPid = null; // it was stopping and has exited: start anew below
        }
      }

      const probe = await boltCheck({
        host: cfg.host,
        port: cfg.port,
        user: cfg.user,
        password: cfg.password,
      });
      if (probe.status === 'ok') {
        cfg.log(
          `reusing the Neo4j already running on ${cfg.uri} (${probe.server ?? 'Neo4j'}` +
            `${ownPid ? `, pid ${ownPid}` : ', not started from this data dir'})`,
        );
        return result({
          pid: ownPid,
          version: probe.server ?? null,
          reused: true,
        });
      }
      if (probe.status === 'auth') {
        throw new Error(
          `port ${cfg.port} answers Bolt but rejects user '${cfg.user}' with the configured password ` +
            `(NEO4J_PASSWORD): ${probe.message.replace(/\.$/, '')}. ` +
            (ownPid
              ? `It is this tool's server (pid ${ownPid}); stop it ('node tools/neo4j/neo4j.mjs stop') and start ` +
                'again: on start the launcher sets the configured password.'
              : 'Use another NEO4J_BOLT_PORT or the password of that server.'),
        );
      }
      if (probe.status !== 'refused') {
        throw new Error(
          `port ${cfg.port} on ${cfg.host} is in use by something that is not a usable Neo4j: ${probe.message}`,
        );
      }
      if (ownPid) {
        // Ready once but Bolt is closed now: it is shutting down. Let it finish.
        cfg.log(
          `the launcher pid ${ownPid} for ${cfg.uri} no longer answers Bolt; waiting for it to exit`,
        );
        if (!(await waitForExit(ownPid, 60_000))) {
          throw new Error(
            `the Neo4j launcher pid ${ownPid} (data ${cfg.dataDir}) neither answers Bolt on port ${cfg.port} nor exits; ` +
              `see ${cfg.logFile} and stop it (node tools/neo4j/neo4j.mjs stop)`,
          );
        }
      }

      // Nothing listens and nothing runs from this data dir: clean up leftovers of a crashed run and start.
      rmQuiet(cfg.pidFile);
      rmQuiet(cfg.readyFile);
      await buildIfNeeded({
        log: cfg.log,
        timeoutMs: Math.max(cfg.timeoutMs, 15 * 60 * 1000),
      });
      const java = findJava({ needJavac: false, env: cfg.env, log: cfg.log });
      const launched = await launchNeo4j(cfg, java);
      const ready = await waitForReady(
        cfg,
        launched.pid,
        launched.exited,
        launched.startedAt,
      );
      const secs = ((Date.now() - launched.startedAt) / 1000).toFixed(1);
      cfg.log(
        `ready: ${cfg.uri} user ${cfg.user} (${ready.version ?? 'Neo4j'}, pid ${launched.pid}, started in ${secs} s)`,
      );
      return result({
        pid: launched.pid,
        version: ready.version ?? null,
        reused: false,
        startMillis: Date.now() - launched.startedAt,
      });
    },
  );
}