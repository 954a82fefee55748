// Waiting for a started server until a Bolt client can run a query on it.
import { boltCheck } from './boltCheck.mjs';
import { dropCdsRecording } from './cds.mjs';
import { readJson, rmQuiet, sleep, tailFile } from './files.mjs';
import { isAlive, readPid, signal, waitForExit } from './processes.mjs';

/**
 * Resolves once the launcher wrote its ready file and a Bolt client of our
 * own ran RETURN 1; throws with the log's last lines when the process ends
 * first or the timeout passes (stopping it then).
 */
export async function waitForReady(
  cfg,
  pid,
  exitedFn,
  started,
  { adopted = false } = {},
) {
  const deadline = started + cfg.timeoutMs;
  let lastProbe = null;
  for (;;) {
    const exited = exitedFn ? exitedFn() : null;
    if (adopted && !isAlive(pid)) return null;
    if (exited || !isAlive(pid)) {
      rmQuiet(cfg.readyFile);
      if (readPid(cfg.pidFile) === pid) rmQuiet(cfg.pidFile);
      const how = exited?.error
        ? exited.error.message
        : exited
          ? `exit code ${exited.code}${exited.signal ? `, signal ${exited.signal}` : ''}`
          : 'process ended';
      throw new Error(
        `Neo4j launcher (pid ${pid}) stopped before it was ready (${how}). ` +
          `Log ${cfg.logFile}, last lines:\n${tailFile(cfg.logFile, 40)}`,
      );
    }
    const ready = readJson(cfg.readyFile);
    if (ready && ready.pid === pid) {
      // The launcher's own Java driver ran RETURN 1; confirm from this side too.
      lastProbe = await boltCheck({
        host: cfg.host,
        port: cfg.port,
        user: cfg.user,
        password: cfg.password,
      });
      if (lastProbe.status === 'ok') {
        return { version: lastProbe.server ?? ready.version ?? null, ready };
      }
    }
    if (Date.now() > deadline) {
      signal(pid, 'SIGTERM');
      await waitForExit(pid, 30_000);
      if (isAlive(pid)) {
        signal(pid, 'SIGKILL');
        await waitForExit(pid, 10_000);
        dropCdsRecording(pid);
      }
      throw new Error(
        `Neo4j on ${cfg.uri} was not ready within ${Math.round(cfg.timeoutMs / 1000)} s ` +
          `(stopped it; last Bolt check: ${lastProbe ? `${lastProbe.status} ${lastProbe.message ?? ''}` : 'not reached'}). ` +
          `Log ${cfg.logFile}, last lines:\n${tailFile(cfg.logFile, 40)}\n(Neo4j's own log: ${cfg.debugLog})`,
      );
    }
    await sleep(150);
  }
}
