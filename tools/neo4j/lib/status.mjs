// Whether a usable Neo4j answers on the port, and whether it is ours.
import { boltCheck } from './boltCheck.mjs';
import { resolveConfig } from './config.mjs';
import { isAlive, isOurLauncher, readPid } from './processes.mjs';

/**
 * @returns {Promise<{running:boolean,port:number,uri:string,pid:number|null,version:string|null,ours:boolean,status:string,message?:string}>}
 */
export async function neo4jStatus(options = {}) {
  const cfg = resolveConfig({ ...options, log: false });
  const pid = readPid(cfg.pidFile);
  const alive = pid && isAlive(pid) && isOurLauncher(pid) ? pid : null;
  const probe = await boltCheck({
    host: cfg.host,
    port: cfg.port,
    user: cfg.user,
    password: cfg.password,
  });
  return {
    running: probe.status === 'ok',
    port: cfg.port,
    uri: cfg.uri,
    pid: alive,
    version: probe.server ?? null,
    ours: Boolean(alive),
    status: probe.status,
    message: probe.message,
    dataDir: cfg.dataDir,
    logFile: cfg.logFile,
  };
}
