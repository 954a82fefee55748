package dev.sentrygraph.neo4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a real Neo4j 5.26 Community server (the embedded kernel with its Bolt
 * connector) for local development, tests and benchmarks.
 *
 * <p>Configuration (command-line flag, else environment variable, else default):
 * <pre>
 *   --port N          NEO4J_BOLT_PORT     7687
 *   --host H          NEO4J_BOLT_HOST     127.0.0.1 (loopback only)
 *   --data-dir P      NEO4J_DATA_DIR      ./.neo4j/&lt;port&gt;
 *   --pagecache SIZE  NEO4J_PAGECACHE     1g
 *   --tx-total SIZE   NEO4J_TX_TOTAL_MAX  1g     (all running transactions together)
 *   --tx-max SIZE     NEO4J_TX_MAX        512m   (one transaction)
 *   --password-file P NEO4J_PASSWORD_FILE -      (else NEO4J_PASSWORD, default sentry-graph-dev)
 * </pre>
 * The password is deliberately not accepted as a command-line argument (it would
 * be visible in {@code ps}); it is never printed.
 *
 * <p>Files in the data directory: {@code data/} (stores, transaction logs),
 * {@code logs/debug.log} (Neo4j's own log), {@code neo4j.pid} (written at
 * start) and {@code ready.json} (written once a Bolt client ran {@code RETURN 1}
 * with the configured credentials; removed on shutdown).
 *
 * <p>On stdout it prints one line {@code NEO4J_LAUNCHER READY bolt://host:port ...}
 * when the server is usable, or {@code NEO4J_LAUNCHER FAILED ...} before exiting 1.
 */
public final class Neo4jLauncher {

    static final String PREFIX = "NEO4J_LAUNCHER";
    static final String DEFAULT_PASSWORD = "sentry-graph-dev";
    static final String USER = "neo4j";

    private Neo4jLauncher() {}

    public static void main(String[] args) {
        Instant t0 = Instant.now();
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(PREFIX + " FAILED bad arguments: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }

        Path readyFile = opts.dataDir.resolve("ready.json");
        Path pidFile = opts.dataDir.resolve("neo4j.pid");
        long pid = ProcessHandle.current().pid();
        DatabaseManagementService[] holder = new DatabaseManagementService[1];
        CountDownLatch stopped = new CountDownLatch(1);

        try {
            Files.createDirectories(opts.dataDir);
            Files.deleteIfExists(readyFile);
            writeAtomically(pidFile, pid + "\n");
        } catch (IOException e) {
            fail("cannot prepare data directory " + opts.dataDir + ": " + e, e);
            return;
        }

        // Registered before start so that a SIGTERM during startup still shuts down cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(readyFile);
            } catch (IOException ignored) {
                // best effort
            }
            DatabaseManagementService dbms;
            synchronized (holder) {
                dbms = holder[0];
                holder[0] = null;
            }
            if (dbms != null) {
                log("stopping Neo4j (pid " + pid + ")");
                try {
                    dbms.shutdown();
                    log("STOPPED cleanly");
                } catch (Throwable t) {
                    System.out.println(PREFIX + " shutdown error: " + t);
                }
            }
            deleteIfOurs(pidFile, pid);
            System.out.flush();
            stopped.countDown();
        }, "neo4j-launcher-shutdown"));

        String bolt = "bolt://" + opts.host + ":" + opts.port;
        log(String.format(Locale.ROOT,
                "starting Neo4j Community on %s (pid %d, java %s, data %s, page cache %s, tx max %s, tx total %s, heap max %s)",
                bolt, pid, System.getProperty("java.version"), opts.dataDir, human(opts.pagecache),
                human(opts.txMax), human(opts.txTotal), human(Runtime.getRuntime().maxMemory())));

        // A store that existed before has had its password set (or the Bolt check below
        // finds out that it has not and sets it); only a new one needs the system query.
        boolean newStore = !Files.isDirectory(opts.dataDir.resolve("data").resolve("databases").resolve("system"));
        try {
            DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(opts.dataDir)
                    .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(opts.host, opts.port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, opts.pagecache)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, opts.txTotal)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, opts.txMax)
                    // A local dev/test/bench store: keep transaction logs bounded on disk.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "256M size")
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .build();
            synchronized (holder) {
                holder[0] = dbms;
            }
            long kernelMs = Duration.between(t0, Instant.now()).toMillis();

            if (newStore) {
                ensurePassword(dbms, opts.password);
            }
            long passwordMs = Duration.between(t0, Instant.now()).toMillis() - kernelMs;
            String version = checkOverBolt(dbms, bolt, opts.password, Duration.ofSeconds(60));

            long ms = Duration.between(t0, Instant.now()).toMillis();
            log(String.format(Locale.ROOT, "startup: jvm %d ms, kernel %d ms, password check %d ms, bolt check %d ms",
                    ManagementFactory.getRuntimeMXBean().getUptime() - ms, kernelMs, passwordMs,
                    ms - kernelMs - passwordMs));
            String json = String.format(Locale.ROOT,
                    "{\"pid\":%d,\"host\":\"%s\",\"port\":%d,\"uri\":\"%s\",\"version\":\"%s\",\"dataDir\":\"%s\",\"startedAt\":\"%s\",\"startMillis\":%d}\n",
                    pid, opts.host, opts.port, bolt, version,
                    opts.dataDir.toString().replace("\\", "\\\\").replace("\"", "\\\""), Instant.now(), ms);
            writeAtomically(readyFile, json);
            System.out.println(PREFIX + " READY " + bolt + " version=" + version + " pid=" + pid
                    + " startup_ms=" + ms + " user=" + USER);
            System.out.flush();
        } catch (Throwable t) {
            fail("could not start Neo4j on " + bolt + ": " + rootMessage(t), t);
            return;
        }

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * On first start (a new store) the {@code neo4j} user has the initial password
     * "neo4j" that must be changed; set the configured one. On later starts the configured
     * password is authoritative: if it no longer matches (NEO4J_PASSWORD was changed
     * since the store was created, or a first start died before this step),
     * {@link #checkOverBolt} gets an authentication failure and resets it.
     */
    private static void ensurePassword(DatabaseManagementService dbms, String password) {
        // A new store always has the user neo4j with the initial password and "change required".
        setPassword(dbms, password);
        log("new store: set the password of user neo4j (from NEO4J_PASSWORD / default)");
    }

    private static void setPassword(DatabaseManagementService dbms, String password) {
        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    }

    /**
     * Proves that the server is usable exactly as clients will use it: a Bolt
     * client logs in with the configured credentials and runs {@code RETURN 1}.
     * Returns "version edition", e.g. "5.26.30 community".
     */
    private static String checkOverBolt(DatabaseManagementService dbms, String bolt, String password, Duration timeout)
            throws InterruptedException {
        Config config = Config.builder()
                .withoutEncryption()
                .withLogging(Logging.none())
                .withConnectionTimeout(5, TimeUnit.SECONDS)
                .withMaxConnectionPoolSize(1)
                .withUserAgent("sentry-graph-neo4j-launcher")
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean passwordReset = false;
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Driver driver = GraphDatabase.driver(bolt, AuthTokens.basic(USER, password), config);
                    Session session = driver.session(SessionConfig.forDatabase("neo4j"))) {
                Result result = session.run("RETURN 1 AS one");
                long one = result.single().get("one").asLong();
                if (one != 1) {
                    throw new IllegalStateException("RETURN 1 returned " + one);
                }
                String agent = result.consume().server().agent(); // "Neo4j/5.26.30"
                return agent.substring(agent.indexOf('/') + 1) + " community";
            } catch (AuthenticationException e) {
                if (passwordReset) {
                    throw e;
                }
                // The store was created with another password: the configured one wins.
                setPassword(dbms, password);
                passwordReset = true;
                log("the stored password of user neo4j differed from the configured one (NEO4J_PASSWORD); "
                        + "reset it to the configured password");
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Bolt check (RETURN 1) did not succeed within " + timeout.toSeconds() + "s", last);
    }

    private static void fail(String message, Throwable t) {
        System.out.println(PREFIX + " FAILED " + message);
        if (t != null) {
            t.printStackTrace(System.out);
        }
        System.out.flush();
        // Runs the shutdown hook, which stops whatever part of Neo4j did start.
        System.exit(1);
    }

    private static void log(String message) {
        System.out.println(PREFIX + " " + message);
        System.out.flush();
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t));
        Throwable c = t.getCause();
        int depth = 0;
        while (c != null && c != t && depth++ < 8) {
            sb.append(" <- ").append(c);
            t = c;
            c = c.getCause();
        }
        return sb.toString();
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteIfOurs(Path pidFile, long pid) {
        try {
            if (Files.exists(pidFile) && Files.readString(pidFile).trim().equals(Long.toString(pid))) {
                Files.delete(pidFile);
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    static String human(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "g";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "m";
        }
        return bytes + "b";
    }

    /** "512m", "1g", "1.5g", "65536" (bytes) → bytes. */
    static long parseSize(String name, String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ib") || v.endsWith("b")) {
            v = v.substring(0, v.length() - (v.endsWith("ib") ? 2 : 1));
        }
        long mult = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k': mult = 1L << 10; break;
                case 'm': mult = 1L << 20; break;
                case 'g': mult = 1L << 30; break;
                default: break;
            }
        }
        if (mult != 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            double d = Double.parseDouble(v);
            if (d <= 0) {
                throw new NumberFormatException();
            }
            return (long) (d * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a size: '" + s + "' (use e.g. 512m or 1g)");
        }
    }

    static final class Options {
        static final String USAGE = "usage: java -Xmx2g -jar neo4j-launcher.jar [--port N] [--host H] [--data-dir PATH] "
                + "[--pagecache SIZE] [--tx-total SIZE] [--tx-max SIZE] [--password-file PATH]\n"
                + "  the password comes from --password-file, else NEO4J_PASSWORD, else '" + DEFAULT_PASSWORD + "'";

        int port;
        String host;
        Path dataDir;
        long pagecache;
        long txTotal;
        long txMax;
        String password;

        static Options parse(String[] args) {
            Map<String, String> env = System.getenv();
            java.util.HashMap<String, String> flags = new java.util.HashMap<>();
            List<String> known = List.of("--port", "--host", "--data-dir", "--pagecache", "--tx-total", "--tx-max",
                    "--password-file");
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String key = a;
                String val = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    key = a.substring(0, eq);
                    val = a.substring(eq + 1);
                }
                if (key.equals("--help") || key.equals("-h")) {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                if (key.equals("--password")) {
                    throw new IllegalArgumentException(
                            "--password is not accepted (it would show in ps); use NEO4J_PASSWORD or --password-file");
                }
                if (!known.contains(key)) {
                    rest.add(a);
                    continue;
                }
                if (val == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(key + " needs a value");
                    }
                    val = args[++i];
                }
                flags.put(key, val);
            }
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException("unknown arguments: " + rest);
            }
            Options o = new Options();
            String port = pick(flags.get("--port"), env.get("NEO4J_BOLT_PORT"), "7687");
            try {
                o.port = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port: not a number: '" + port + "'");
            }
            if (o.port < 1 || o.port > 65535) {
                throw new IllegalArgumentException("port out of range: " + o.port);
            }
            o.host = pick(flags.get("--host"), env.get("NEO4J_BOLT_HOST"), "127.0.0.1");
            o.dataDir = Path.of(pick(flags.get("--data-dir"), env.get("NEO4J_DATA_DIR"), ".neo4j/" + o.port))
                    .toAbsolutePath().normalize();
            o.pagecache = parseSize("pagecache", pick(flags.get("--pagecache"), env.get("NEO4J_PAGECACHE"), "1g"));
            o.txTotal = parseSize("tx-total", pick(flags.get("--tx-total"), env.get("NEO4J_TX_TOTAL_MAX"), "1g"));
            o.txMax = parseSize("tx-max", pick(flags.get("--tx-max"), env.get("NEO4J_TX_MAX"), "512m"));
            String pwFile = pick(flags.get("--password-file"), env.get("NEO4J_PASSWORD_FILE"), null);
            if (pwFile != null) {
                try {
                    o.password = Files.readString(Path.of(pwFile), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read password file " + pwFile + ": " + e.getMessage());
                }
            } else {
                o.password = pick(null, env.get("NEO4J_PASSWORD"), DEFAULT_PASSWORD);
            }
            if (o.password.length() < 8) {
                // Neo4j's own rule (dbms.security.auth_minimum_password_length = 8).
                throw new IllegalArgumentException("the password must have at least 8 characters");
            }
            return o;
        }

        private static String pick(String flag, String env, String dflt) {
            if (flag != null && !flag.isBlank()) {
                return flag;
            }
            if (env != null && !env.isBlank()) {
                return env;
            }
            return dflt;
        }
    }
}
