// What one narrow insert costs the embedded database itself, outside Mailgate (docs/benchmarks.md,
// "The refresh grant: where its time goes"): a table like oauth_spent_refresh, random bigint keys,
// autocommit or batches, one thread or several, process CPU per row.
//   H2=~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar
//   java -Dthreads=16 -cp $H2 bench/H2Writes.java single 200000 1     # autocommit, 16 threads
//   java -Dthreads=16 -cp $H2 bench/H2Writes.java batched 200000 16   # 16 rows a transaction
//   -Dreprepare=true prepares the statement for every row, as the application's pool does
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.sql.*;
import java.util.concurrent.ThreadLocalRandom;

public class H2Writes {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int rows = Integer.parseInt(args[1]);
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path dir = Files.createTempDirectory("h2w");
        String url = "jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=32768" + System.getProperty("extra", "");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("create table spent (hash_key bigint not null primary key, token_hash char(64) not null, authorization_id varchar(100) not null, spent_at timestamp with time zone not null)");
            PreparedStatement ps = c.prepareStatement("insert into spent (hash_key, token_hash, authorization_id, spent_at) values (?, ?, ?, ?)");
            String hash = "a".repeat(64); String id = java.util.UUID.randomUUID().toString();
            Timestamp now = new Timestamp(System.currentTimeMillis());
            // warm-up
            run(c, ps, 50_000, batch, hash, id, now);
            int threads = Integer.parseInt(System.getProperty("threads", "1"));
            long cpu0 = os.getProcessCpuTime(); long t0 = System.nanoTime();
            if (threads == 1) { run(c, ps, rows, batch, hash, id, now); }
            else {
                Thread[] ts = new Thread[threads];
                for (int t = 0; t < threads; t++) {
                    ts[t] = new Thread(() -> {
                        try (Connection own = DriverManager.getConnection(url, "sa", "")) {
                            PreparedStatement p2 = own.prepareStatement("insert into spent (hash_key, token_hash, authorization_id, spent_at) values (?, ?, ?, ?)");
                            run(own, p2, rows / threads, batch, hash, id, now);
                        } catch (SQLException e) { throw new RuntimeException(e); }
                    });
                    ts[t].start();
                }
                for (Thread t : ts) t.join();
            }
            long cpu = os.getProcessCpuTime() - cpu0; long wall = System.nanoTime() - t0;
            // let the background writer finish its share
            Thread.sleep(2000);
            long cpuAfter = os.getProcessCpuTime() - cpu0;
            System.out.printf("%s threads=" + System.getProperty("threads", "1") + " batch=%d rows=%d: wall %.1f us/row, process CPU %.1f us/row (%.1f with the writer's next 2 s)%n",
                mode, batch, rows, wall / 1000.0 / rows, cpu / 1000.0 / rows, (cpuAfter) / 1000.0 / rows);
        }
    }
    static void run(Connection c, PreparedStatement ps, int rows, int batch, String hash, String id, Timestamp now) throws SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (batch <= 1) {
            c.setAutoCommit(true);
            boolean reprepare = Boolean.getBoolean("reprepare");
            for (int i = 0; i < rows; i++) {
                PreparedStatement p = reprepare ? c.prepareStatement("insert into spent (hash_key, token_hash, authorization_id, spent_at) values (?, ?, ?, ?)") : ps;
                p.setLong(1, r.nextLong()); p.setString(2, hash); p.setString(3, id); p.setTimestamp(4, now); p.executeUpdate();
                if (reprepare) p.close();
                if (reprepare && Boolean.getBoolean("thrash")) { for (int k = 0; k < 9; k++) { c.prepareStatement("select " + k + " from spent where hash_key = ?").close(); } }
            }
            return;
        }
        c.setAutoCommit(false);
        for (int i = 0; i < rows; i += batch) {
            for (int j = 0; j < batch; j++) { ps.setLong(1, r.nextLong()); ps.setString(2, hash); ps.setString(3, id); ps.setTimestamp(4, now); ps.addBatch(); }
            ps.executeBatch(); c.commit();
        }
        c.setAutoCommit(true);
    }
}
