package dev.awb.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch script run by bash as Slurm would run it, with {@code echo} standing in for the worker. */
class BatchScriptTests {
    @TempDir
    Path dir;

    private record Ran(int code, String out) {
    }

    private Ran runTask(String index) throws Exception {
        Path trials = Files.write(dir.resolve("trials.txt"), List.of("aaaa", "bbbb", "cccc"));
        Path script = dir.resolve("job.sh");
        Files.writeString(script, new BatchScript("study 'one'", trials,
                List.of("/bin/echo", "worker", "it's", "$HOME"), Map.of("AWB_EXTRA", "a b")).text());
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().remove("CUDA_VISIBLE_DEVICES");
        builder.environment().put("SLURM_ARRAY_JOB_ID", "77");
        if (index != null) {
            builder.environment().put("SLURM_ARRAY_TASK_ID", index);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(process.waitFor(), out);
    }

    @Test
    void arrayIndexPicksItsLineOfTheTrialListAndArgumentsStayVerbatim() throws Exception {
        Ran ran = runTask("1");
        assertEquals(0, ran.code(), ran.out());
        List<String> lines = ran.out().lines().toList();
        assertEquals("[slurm] study study 'one', task 77_1: trial bbbb on "
                + java.net.InetAddress.getLocalHost().getHostName(), lines.get(0));
        assertEquals("worker it's $HOME --trial bbbb", lines.get(1));
    }

    @Test
    void indexWithoutTrialFailsNamingTheList() throws Exception {
        Ran ran = runTask("3");
        assertEquals(2, ran.code(), ran.out());
        assertEquals("[slurm] array task 3 has no trial in " + dir.resolve("trials.txt"), ran.out().strip());
        assertEquals(2, runTask(null).code(), "outside an array job");
    }
}
