package dev.awb.runtime.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awb.runtime.train.TrainingDiverged;
import dev.awb.runtime.train.TrainingObserver;
import java.io.PrintStream;

/**
 * The progress protocol between a worker process and its driver: one line per event on the worker's standard
 * output, {@code @awb } followed by a JSON object. Other output lines (native libraries print some) are not
 * events and go to the trial's log.
 */
public final class WorkerEvents {
    static final String PREFIX = "@awb ";
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private WorkerEvents() {
    }

    /** An observer that writes events to {@code out} (training steps at most five times a second). */
    public static TrainingObserver writer(PrintStream out) {
        return new TrainingObserver() {
            private long last;

            @Override
            public void step(int epoch, int epochs, int batch, int batches, double loss, double tokensPerSecond) {
                long now = System.nanoTime();
                if (batch != batches && now - last < 200_000_000L) {
                    return;
                }
                last = now;
                emit(out, event("step").put("epoch", epoch).put("epochs", epochs).put("batch", batch)
                        .put("batches", batches).put("loss", loss).put("tps", tokensPerSecond));
            }

            @Override
            public void metric(String split, String name, Integer epoch, double value) {
                ObjectNode event = event("metric").put("split", split).put("name", name).put("value", value);
                if (epoch != null) {
                    event.put("epoch", epoch);
                }
                emit(out, event);
            }

            @Override
            public void resumed(int epoch) {
                emit(out, event("resumed").put("epoch", epoch));
            }

            @Override
            public void diverged(TrainingDiverged divergence) {
                emit(out, event("diverged").put("epoch", divergence.epoch()).put("step", divergence.step())
                        .put("loss", divergence.loss()));
            }

            @Override
            public void failed(Throwable error) {
                emit(out, event("failed").put("error", TrialRun.describe(error)));
            }
        };
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("e", type);
    }

    private static void emit(PrintStream out, ObjectNode event) {
        synchronized (out) {
            out.println(PREFIX + event);
            out.flush();
        }
    }

    /**
     * Passes the event on {@code line} to {@code observer}; returns false when the line is not an event.
     */
    static boolean dispatch(String line, TrainingObserver observer) {
        if (!line.startsWith(PREFIX)) {
            return false;
        }
        JsonNode event;
        try {
            event = JSON.readTree(line.substring(PREFIX.length()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
        switch (event.path("e").asText()) {
            case "step" -> observer.step(event.path("epoch").asInt(), event.path("epochs").asInt(),
                    event.path("batch").asInt(), event.path("batches").asInt(), event.path("loss").asDouble(),
                    event.path("tps").asDouble());
            case "metric" -> observer.metric(event.path("split").asText(), event.path("name").asText(),
                    event.has("epoch") ? event.path("epoch").asInt() : null, event.path("value").asDouble());
            case "resumed" -> observer.resumed(event.path("epoch").asInt());
            case "diverged" -> observer.diverged(new TrainingDiverged(event.path("epoch").asInt(),
                    event.path("step").asInt(), event.path("loss").asDouble()));
            case "failed" -> observer.failed(new WorkerFailure(event.path("error").asText()));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A failure reported by a worker process, carrying its message. */
    public static final class WorkerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkerFailure(String message) {
            super(message, null, false, false);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
