package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimizer settings that contradict each other or the run are caught by {@code awb validate}, with the node's
 * position, before any data is trained on.
 */
class ValidateOptimizerTests {
    @TempDir
    Path dir;

    @Test
    void validateNamesEachContradictoryOptimizerSetting() throws Exception {
        // 64 training sequences in batches of 32 for 2 epochs: 4 steps in all.
        Path file = Files.writeString(dir.resolve("optimizers.yaml"), """
                experiment: optimizers
                seeds: [1]
                graph:
                  data:
                    use: dataset/mqar
                    with: { vocab: 34, pairs: 4, queries: 4, train_size: 64, validation_size: 16, test_size: 16 }
                  attention: { use: attention/soft, with: { heads: 2 } }
                  model: { use: model/transformer-encoder, inputs: [data, attention], with: { layers: 1, d_model: 32 } }
                  optimizer:
                    use: optimizer/sgd
                    with: { lr: 0.1 }
                  train: { use: trainer, inputs: [model, data, optimizer], with: { epochs: 2, batch: 32 } }
                  evaluate: { use: [metric/accuracy] }
                sweep:
                  zip:
                    optimizer.with.nesterov: [true, false, false, false, false]
                    optimizer.with.warmup_steps: [0, 4, 0, 0, 0]
                    optimizer.with.schedule: [constant, constant, step, constant, cosine]
                    optimizer.with.min_lr: [0.0, 0.0, 0.0, 0.01, 0.01]
                    optimizer.with.step_epochs: [1, 1, 2, 1, 1]
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"validate", file.toString(), "--plugins", dir.resolve("plugins").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String errors = err.toString();
        assertEquals(ExitCodes.BAD_INPUT, code, errors);
        String at = file + ":10:5: node 'optimizer': optimizer/sgd: ";
        assertTrue(errors.contains(at + "nesterov needs momentum > 0, found momentum 0.0"), errors);
        assertTrue(errors.contains(at + "warmup_steps must end before the run does (4 steps = 2 epochs x 2 steps), "
                + "found 4"), errors);
        assertTrue(errors.contains(at + "schedule step never decays: step_epochs 2 x 2 steps per epoch = 4 steps, but "
                + "the run has 4 steps after warmup (2 epochs)"), errors);
        assertTrue(errors.contains(at + "min_lr applies only to schedule cosine or linear, found min_lr 0.01 with "
                + "schedule constant"), errors);
        assertEquals(4, errors.lines().filter(l -> l.contains("optimizer/sgd")).count(), "the cosine point is valid: "
                + errors);
    }
}
