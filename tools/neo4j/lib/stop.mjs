// Stopping a server cleanly (SIGTERM), or at last with SIGKILL.
import { boltCheck } from './boltCheck.mjs';
import { dropCdsRecording } from './cds.mjs';
import { resolveConfig } from './config.mjs';
import { rel, rmQuiet } from './files.mjs';
import {
  isAlive,
  isOurLauncher,
  readPid,
  signal,
  waitForExit,
} from './processes.mjs';

/**
 * Stops the Neo4j started from the data dir of that port (pid file): SIGTERM,
 * which shuts the database down cleanly, then SIGKILL after the timeout.
 * Resolves also when nothing was running.
 * @returns {Promise<{stopped:boolean,pid:number|null,killed?:boolean}>}
 */
export async function stopNeo4j(options = {}) {
  const cfg = resolveConfig(options);
  const timeoutMs = options.stopTimeoutMs ?? 60_000;
  const pid = readPid(cfg.pidFile);
  if (!pid || !isAlive(pid)) {
    rmQuiet(cfg.pidFile);
    rmQuiet(cfg.readyFile);
    const probe = await boltCheck({
      host: cfg.host,
      port: cfg.port,
      user: cfg.user,
      password: cfg.password,
    });
    if (probe.status !== 'refused') {
      cfg.log(
        `not running from ${rel(cfg.dataDir)}; port ${cfg.port} is served by another process, left alone`,
      );
    } else {
      cfg.log(`not running (port ${cfg.port})`);
    }
    return { stopped: false, pid: null };
  }
  if (!isOurLauncher(pid)) {
    rmQuiet(cfg.pidFile);
    cfg.log(
      `pid ${pid} in ${rel(cfg.pidFile)} is not a Neo4j launcher (stale pid file removed); nothing stopped`,
    );
    return { stopped: false, pid: null };
  }
  cfg.log(`stopping Neo4j on port ${cfg.port} (pid ${pid})`);
  signal(pid, 'SIGTERM');
  let killed = false;
  if (!(await waitForExit(pid, timeoutMs))) {
    cfg.log(
      `pid ${pid} did not stop within ${Math.round(timeoutMs / 1000)} s; sending SIGKILL`,
    );
    signal(pid, 'SIGKILL');
    killed = true;
    await waitForExit(pid, 10_000);
    dropCdsRecording(pid); // it may have died while writing its class-data archive
  }
  rmQuiet(cfg.readyFile);
  if (readPid(cfg.pidFile) === pid) rmQuiet(cfg.pidFile);
  cfg.log(killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`);
  return { stopped: true, pid, killed };
}
