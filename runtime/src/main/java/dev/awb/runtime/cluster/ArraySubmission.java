package dev.awb.runtime.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Slurm array job of a study, as recorded in the study directory: which trial each array index runs.
 *
 * <p>Layout, per submission {@code N} (1, 2, ... in submission order): {@code slurm/N/trials.txt} holds one
 * trial id per line, line {@code i + 1} for array index {@code i} (the batch script reads it);
 * {@code slurm/N/job.sh} is the batch script; {@code slurm/N/job-id} the id {@code sbatch} returned, written
 * once the job was accepted (a folder without it was never submitted). Each task's output goes to
 * {@code logs/JOB_INDEX.out}.
 *
 * @param studyDirectory the study directory
 * @param number the submission's number
 * @param jobId the Slurm job id
 * @param trialIds the trial of each array index
 */
public record ArraySubmission(Path studyDirectory, int number, String jobId, List<String> trialIds) {

    /** The study's accepted submissions, oldest first. */
    public static List<ArraySubmission> of(Path studyDirectory) {
        Path root = studyDirectory.resolve("slurm");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<ArraySubmission> submissions = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                Path id = dir.resolve("job-id");
                if (Files.isRegularFile(id)) {
                    submissions.add(new ArraySubmission(studyDirectory, Integer.parseInt(dir.getFileName().toString()),
                            Files.readString(id).strip(), Files.readAllLines(dir.resolve("trials.txt"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Slurm submissions in " + root, e);
        }
        submissions.sort(Comparator.comparingInt(ArraySubmission::number));
        return submissions;
    }

    /** The folder of the next submission, created, with the trial list written for the batch script. */
    static Path prepare(Path studyDirectory, List<String> trialIds) {
        Path root = studyDirectory.resolve("slurm");
        try {
            Files.createDirectories(root);
            Files.createDirectories(studyDirectory.resolve("logs"));
            for (int n = 1;; n++) {
                Path dir = root.resolve(Integer.toString(n));
                if (!Files.exists(dir)) {
                    Files.createDirectory(dir);
                    Files.write(dir.resolve("trials.txt"), trialIds, StandardCharsets.UTF_8);
                    return dir;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a Slurm submission into " + root, e);
        }
    }

    /** Records that the submission in {@code dir} was accepted as job {@code jobId}. */
    static ArraySubmission accepted(Path studyDirectory, Path dir, String jobId) {
        try {
            Files.writeString(dir.resolve("job-id"), jobId + "\n", StandardCharsets.UTF_8);
            return new ArraySubmission(studyDirectory, Integer.parseInt(dir.getFileName().toString()), jobId,
                    Files.readAllLines(dir.resolve("trials.txt")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record Slurm job " + jobId + " in " + dir, e);
        }
    }

    /** The trial of array index {@code index}, or null when the array has no such index. */
    public String trialOf(int index) {
        return index >= 0 && index < trialIds.size() ? trialIds.get(index) : null;
    }

    /** The output file of array index {@code index} (its {@code sbatch --output} pattern is {@link #logPattern}). */
    public Path log(int index) {
        return studyDirectory.resolve("logs").resolve(jobId + "_" + index + ".out");
    }

    /** The {@code sbatch --output} pattern that puts each task's output at {@link #log}. */
    static String logPattern(Path studyDirectory) {
        return studyDirectory.resolve("logs").resolve("%A_%a.out").toString();
    }
}
