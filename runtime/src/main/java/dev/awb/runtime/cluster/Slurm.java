package dev.awb.runtime.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slurm client commands awb uses ({@code sbatch}, {@code squeue}, {@code scontrol}, {@code scancel}), each
 * run with a time limit.
 *
 * <p>Why the limit: every client command hangs (about 10 s per retry, for minutes in all) while the controller
 * is unreachable, and a status query must not hang a user's shell. Why no {@code sacct}: it needs the
 * accounting daemon ({@code slurmdbd}), which many clusters and every single-node setup lack; {@code squeue
 * -t all} and {@code scontrol show job} know ended tasks for {@code MinJobAge} (300 s by default), and the
 * results store is the record after that.
 */
public final class Slurm {
    /** How long one client command may take unless told otherwise. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern FIELD = Pattern.compile("(\\S+?)=(\\S*)");

    private final Duration timeout;

    public Slurm() {
        this(TIMEOUT);
    }

    public Slurm(Duration timeout) {
        this.timeout = timeout;
    }

    /** The path of {@code command} on {@code PATH}, if there is one. */
    public static Optional<Path> find(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that {@code command} is on {@code PATH}.
     *
     * @throws SlurmException naming the command when it is not
     */
    public static void require(String command) {
        if (find(command).isEmpty()) {
            throw new SlurmException("'" + command + "' was not found on PATH (" + System.getenv("PATH")
                    + "): run awb on a Slurm login node, or add the Slurm client commands to PATH");
        }
    }

    /**
     * Submits {@code script} with {@code options} ({@code sbatch --parsable}); returns the job id.
     *
     * @throws SlurmException with sbatch's message when it refuses
     */
    public String submit(List<String> options, Path script) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(options);
        command.add(script.toString());
        String out = run(command).requireSuccess().out.strip();
        // --parsable prints "ID" or "ID;CLUSTER".
        String id = out.contains(";") ? out.substring(0, out.indexOf(';')) : out;
        if (!id.matches("\\d+")) {
            throw new SlurmException("sbatch printed no job id: " + out);
        }
        return id;
    }

    /**
     * Every task Slurm still knows of the array jobs {@code jobIds}, pending ones one by one; ended tasks that
     * did not complete carry their exit code. Jobs Slurm has forgotten ({@code MinJobAge} after they ended)
     * are left out.
     */
    public List<TaskState> tasks(Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        Result result = run(List.of("squeue", "--noheader", "--array", "--states=all", "--jobs=" + String.join(",", jobIds),
                "--format=%F|%K|%T|%r"));
        if (result.code != 0 && result.err.contains("Invalid job id")) {
            return List.of(); // every one of them has been forgotten
        }
        result.requireSuccess();
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        for (String line : result.out.split("\n")) {
            String[] fields = line.strip().split("\\|", -1);
            if (fields.length == 4 && fields[1].matches("\\d+") && jobIds.contains(fields[0])) {
                TaskState task = new TaskState(fields[0], Integer.parseInt(fields[1]), fields[2], fields[3], null);
                tasks.put(task.name(), task);
            }
        }
        for (String jobId : jobIds) {
            if (tasks.values().stream().anyMatch(t -> t.jobId().equals(jobId) && !t.live()
                    && !"COMPLETED".equals(t.state()))) {
                exitCodes(jobId).forEach((name, code) -> tasks.computeIfPresent(name, (k, t) -> t.withExitCode(code)));
            }
        }
        return List.copyOf(tasks.values());
    }

    /** {@code JOB_INDEX} to {@code CODE:SIGNAL} of the tasks of {@code jobId}, from {@code scontrol show job}. */
    private Map<String, String> exitCodes(String jobId) {
        Result result = run(List.of("scontrol", "--oneliner", "show", "job", jobId));
        Map<String, String> codes = new LinkedHashMap<>();
        if (result.code != 0) {
            return codes; // forgotten between the two calls: the store still has the outcome
        }
        for (String line : result.out.split("\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher matcher = FIELD.matcher(line);
            while (matcher.find()) {
                fields.putIfAbsent(matcher.group(1), matcher.group(2));
            }
            String index = fields.getOrDefault("ArrayTaskId", "");
            if (index.matches("\\d+") && fields.containsKey("ExitCode")) {
                codes.put(fields.get("ArrayJobId") + "_" + index, fields.get("ExitCode"));
            }
        }
        return codes;
    }

    /** Cancels the jobs {@code jobIds} ({@code scancel}), all their tasks, pending or running. */
    public void cancel(Collection<String> jobIds) {
        if (!jobIds.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("scancel"));
            command.addAll(jobIds);
            run(command).requireSuccess();
        }
    }

    /** A finished client command. */
    private record Result(List<String> command, int code, String out, String err) {
        Result requireSuccess() {
            if (code != 0) {
                throw new SlurmException(command.get(0) + " failed (exit code " + code + "): "
                        + (err.isBlank() ? out.strip() : err.strip()) + "  [" + String.join(" ", command) + "]");
            }
            return this;
        }
    }

    private Result run(List<String> command) {
        require(command.get(0));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new SlurmException("cannot run " + command.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SlurmException(command.get(0) + " did not answer within " + timeout.toSeconds()
                        + " s (is the Slurm controller reachable? 'scontrol ping' tells)  ["
                        + String.join(" ", command) + "]");
            }
            return new Result(command, process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SlurmException("interrupted while waiting for " + command.get(0));
        } catch (ExecutionException e) {
            throw new SlurmException("cannot read the output of " + command.get(0) + ": " + e.getCause());
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
