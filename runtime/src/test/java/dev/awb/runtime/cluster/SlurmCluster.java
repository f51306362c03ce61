package dev.awb.runtime.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-node Slurm cluster for tests: {@code munged}, {@code slurmctld} and {@code slurmd} (Debian's
 * packages) started directly, without systemd, as root, inside a private network namespace.
 *
 * <p>Why the namespace: the daemons bind all addresses on fixed ports, which must not meet another test's or a
 * real cluster's. Everything that talks to this cluster (its client commands, and every awb process that
 * submits or queries) runs inside the namespace through {@link #command}; the tasks Slurm starts are inside it
 * as children of {@code slurmd}. The configuration, state, spool, munge key and socket and the logs all live in
 * the folder given to {@link #start}. {@link #close} cancels every job and ends every process in the namespace,
 * daemons included.
 *
 * <p>Facts this relies on (see the project's design notes): {@code proctrack/linuxproc}, {@code task/none} and
 * {@code select/cons_tres} need no cgroups; the munge socket folder must be 0755; the host name must resolve to
 * an address on the namespace's loopback device; two fake GPUs ({@code gres.conf} entries pointing at
 * {@code /dev/null} and {@code /dev/zero}) make {@code --gres=gpu:1} tasks get {@code CUDA_VISIBLE_DEVICES}.
 */
final class SlurmCluster implements AutoCloseable {
    /** The partition every job goes to. */
    static final String PARTITION = "debug";

    private final Path dir;
    private final Process holder;
    private final Path netns;

    private SlurmCluster(Path dir, Process holder) {
        this.dir = dir;
        this.holder = holder;
        this.netns = Path.of("/proc", Long.toString(holder.pid()), "ns", "net");
    }

    /**
     * Starts a cluster whose files live in {@code dir}; aborts the calling test (an assumption, not a pass)
     * when this machine cannot host one: Slurm or munge not installed, not root, or no network namespaces.
     */
    static SlurmCluster start(Path dir) throws IOException, InterruptedException {
        List<String> missing = Stream.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel",
                "sinfo", "unshare", "nsenter", "ip").filter(c -> Slurm.find(c).isEmpty()).toList();
        Assumptions.assumeTrue(missing.isEmpty(), "no Slurm test cluster: " + missing + " not on PATH (Debian: apt-get"
                + " install slurmctld slurmd slurm-client munge iproute2; .ci/run installs them)");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "no Slurm test cluster: its daemons run as root and need a network namespace; user is "
                        + System.getProperty("user.name"));
        Files.createDirectories(dir);
        Process holder = namespaceHolder(dir);
        SlurmCluster cluster = new SlurmCluster(dir, holder);
        try {
            cluster.configure();
            cluster.startDaemons();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** A process that keeps a new network namespace alive, with loopback up and the host's name on it. */
    private static Process namespaceHolder(Path dir) throws IOException, InterruptedException {
        Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.2"));
        try {
            for (InetAddress address : InetAddress.getAllByName(InetAddress.getLocalHost().getHostName())) {
                if (address.getAddress().length == 4 && !address.isLoopbackAddress()) {
                    addresses.add(address.getHostAddress());
                }
            }
        } catch (java.net.UnknownHostException e) {
            // Slurm is configured with addresses, not names; slurmd still looks its name up, hence 127.0.0.2.
        }
        StringBuilder script = new StringBuilder("ip link set lo up");
        addresses.forEach(a -> script.append(" && ip addr add ").append(a).append("/32 dev lo"));
        script.append(" && echo ready && exec sleep 100000");
        Process holder = new ProcessBuilder("unshare", "--net", "--", "sh", "-c", script.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"ready".equals(first)) {
            String rest = first + "\n" + out.lines().reduce("", (a, b) -> a + b + "\n");
            holder.destroyForcibly().waitFor();
            Assumptions.abort("no Slurm test cluster: cannot create a network namespace: " + rest.strip());
        }
        return holder;
    }

    private void configure() throws IOException {
        Path munge = dir.resolve("munge");
        for (Path folder : List.of(dir, munge, dir.resolve("state"), dir.resolve("spool"), dir.resolve("log"))) {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Path keyFile = munge.resolve("munge.key");
        Files.write(keyFile, key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        String host = InetAddress.getLocalHost().getHostName().split("\\.")[0];
        int cpus = Runtime.getRuntime().availableProcessors();
        Files.writeString(dir.resolve("slurm.conf"), """
                ClusterName=awbtest
                SlurmctldHost=%1$s(127.0.0.1)
                AuthType=auth/munge
                CredType=cred/munge
                AuthInfo=socket=%2$s/munge/munge.socket
                SlurmUser=root
                SlurmdUser=root
                StateSaveLocation=%2$s/state
                SlurmdSpoolDir=%2$s/spool
                SlurmctldPidFile=%2$s/slurmctld.pid
                SlurmdPidFile=%2$s/slurmd.pid
                SlurmctldLogFile=%2$s/log/slurmctld.log
                SlurmdLogFile=%2$s/log/slurmd.log
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/cons_tres
                SelectTypeParameters=CR_CPU
                MpiDefault=none
                ReturnToService=2
                JobCompType=jobcomp/none
                AccountingStorageType=accounting_storage/none
                GresTypes=gpu
                NodeName=%1$s NodeAddr=127.0.0.1 CPUs=%3$d Gres=gpu:2 State=UNKNOWN
                PartitionName=%4$s Nodes=ALL Default=YES MaxTime=INFINITE State=UP
                """.formatted(host, dir, cpus, PARTITION));
        Path gpu0 = Files.createSymbolicLink(dir.resolve("gpu0"), Path.of("/dev/null"));
        Path gpu1 = Files.createSymbolicLink(dir.resolve("gpu1"), Path.of("/dev/zero"));
        Files.writeString(dir.resolve("gres.conf"), "Name=gpu File=" + gpu0 + "\nName=gpu File=" + gpu1 + "\n");
    }

    private void startDaemons() throws IOException, InterruptedException {
        Path munge = dir.resolve("munge");
        run(List.of("munged", "--force", "--socket=" + munge.resolve("munge.socket"),
                "--key-file=" + munge.resolve("munge.key"), "--pid-file=" + munge.resolve("munged.pid"),
                "--seed-file=" + munge.resolve("munged.seed"), "--log-file=" + dir.resolve("log/munged.log")),
                Duration.ofSeconds(20)).require();
        run(List.of("slurmctld", "-i"), Duration.ofSeconds(20)).require();
        run(List.of("slurmd"), Duration.ofSeconds(20)).require();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String state = "";
        while (System.nanoTime() < deadline) {
            state = run(List.of("sinfo", "--noheader", "--format=%T"), Duration.ofSeconds(10)).out().strip();
            if (state.equals("idle")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Slurm node is not idle after 60 s but [" + state + "]; logs: "
                + dir.resolve("log"));
    }

    /** The output and exit code of a command run in the cluster's namespace. */
    record Result(List<String> command, int code, String out) {
        Result require() {
            if (code != 0) {
                throw new IllegalStateException(command + " exited " + code + ":\n" + out);
            }
            return this;
        }
    }

    /**
     * The command prefix that runs a command inside the cluster's network namespace (and nothing more: no
     * {@code SLURM_CONF}), for servers the cluster's jobs must reach on its loopback, such as a results store.
     * Whatever it starts must be ended before {@link #close}, which ends every process in the namespace.
     */
    List<String> inNamespace() {
        return List.of("nsenter", "--net=" + netns, "--");
    }

    /**
     * {@code command} as a process inside the cluster's network namespace, with {@code SLURM_CONF} naming this
     * cluster's configuration; standard error goes with standard output.
     */
    ProcessBuilder command(List<String> command) {
        List<String> full = new ArrayList<>(inNamespace());
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("SLURM_CONF", dir.resolve("slurm.conf").toString());
        return builder;
    }

    /** Runs {@code command} in the namespace and waits for it, at most {@code timeout}. */
    Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = command(command).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                // The process is gone.
            }
        });
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            reader.join(5000);
            throw new IllegalStateException(command + " did not end within " + timeout + ":\n" + out);
        }
        reader.join(5000);
        return new Result(command, process.exitValue(), out.toString());
    }

    /** Sets the partition's state ({@code UP}, or {@code DOWN}: jobs are accepted and wait). */
    void partition(String state) throws IOException, InterruptedException {
        run(List.of("scontrol", "update", "PartitionName=" + PARTITION, "State=" + state), Duration.ofSeconds(20))
                .require();
    }

    /** Waits until no task of job {@code jobId} is queued or running. */
    void awaitEnd(String jobId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Result live = run(List.of("squeue", "--noheader", "--array", "--jobs=" + jobId,
                    "--states=PENDING,RUNNING,CONFIGURING,COMPLETING,SUSPENDED,REQUEUED", "--format=%i %T"),
                    Duration.ofSeconds(20)).require();
            if (live.out().isBlank()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job " + jobId + " still has live tasks after " + timeout + "; logs: "
                + dir.resolve("log"));
    }

    /** The cluster's own logs (controller, node daemon, munge), for failure messages. */
    String daemonLogs() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> logs = Files.list(dir.resolve("log"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                text.append("== ").append(log).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** Cancels every job, ends every process of the namespace (daemons, tasks) and the namespace itself. */
    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("slurm.conf")) && holder.isAlive()) {
                run(List.of("scancel", "--full", "--user=root"), Duration.ofSeconds(10));
            }
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // The controller may not have started; the processes are ended below regardless.
        }
        for (int round = 0; round < 2; round++) {
            List<ProcessHandle> inside = processesInNamespace();
            inside.forEach(round == 0 ? ProcessHandle::destroy : ProcessHandle::destroyForcibly);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inside.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        holder.destroyForcibly();
        try {
            holder.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every process in this cluster's network namespace except its holder (all of them started by it). */
    private List<ProcessHandle> processesInNamespace() {
        String namespace;
        try {
            namespace = Files.readSymbolicLink(netns).toString();
        } catch (IOException e) {
            return List.of();
        }
        return ProcessHandle.allProcesses().filter(p -> p.pid() != holder.pid()).filter(p -> {
            try {
                return namespace.equals(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "ns", "net"))
                        .toString());
            } catch (IOException | UnsupportedOperationException gone) {
                return false;
            }
        }).toList();
    }
}
