package dev.awb.runtime.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results as Markdown: one row per configuration and awb native variant with awb's and PyTorch's
 * median step time and peak resident memory and their ratios (awb / PyTorch: below 1 means awb is faster or
 * leaner), the same for CPU time per step (which other processes' load inflates less than wall time), then the conditions each cell ran under (repetitions, contention, canary) and the two environments.
 */
final class RatioTable {
    private RatioTable() {
    }

    static void print(PrintWriter out, List<CellSpec> cells, List<CellResult> results, String heading) {
        boolean torch = results.stream().anyMatch(r -> "torch".equals(r.side()));
        out.printf("%n## %s%n%n", heading);
        if (torch) {
            out.println("| workload | variant | L | awb native | awb ms | torch ms | awb/torch time | awb CPU ms | "
                    + "torch CPU ms | awb/torch CPU | awb peak MiB | torch peak MiB | awb/torch memory |");
            out.println("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        } else {
            out.println("| workload | variant | L | awb native | ms | tokens/s | peak MiB | parameters |");
            out.println("|---|---|---|---|---:|---:|---:|---:|");
        }
        for (CellSpec cell : cells) {
            List<CellResult> mine = results.stream().filter(r -> same(r, cell)).toList();
            CellResult reference = mine.stream().filter(r -> "torch".equals(r.side())).findFirst().orElse(null);
            for (CellResult awb : mine.stream().filter(r -> "awb".equals(r.side())).toList()) {
                if (torch) {
                    out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                            cell.workload(), cell.variant(), cell.length(), awb.label(), ms(awb), ms(reference),
                            ratio(awb.ok() ? awb.ms() : Double.NaN, ok(reference) ? reference.ms() : Double.NaN),
                            cpu(awb), cpu(reference), ratio(awb.ok() ? awb.cpuMs() : Double.NaN,
                                    ok(reference) ? reference.cpuMs() : Double.NaN),
                            mib(awb), mib(reference), ratio(awb.ok() ? awb.peakBytes() : Double.NaN,
                                    ok(reference) ? reference.peakBytes() : Double.NaN));
                } else {
                    int batch = CellSpec.STEP.equals(cell.workload()) ? cell.stepBatch() : cell.batch();
                    out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s |%n", cell.workload(), cell.variant(),
                            cell.length(), awb.label(), ms(awb), awb.ok() ? String.format(Locale.ROOT, "%.0f",
                                    batch * (double) cell.length() / (awb.ms() / 1e3)) : "", mib(awb),
                            awb.ok() ? Long.toString(awb.parameters()) : "");
                }
            }
        }
        conditions(out, results);
        environments(out, results);
        out.flush();
    }

    private static boolean same(CellResult r, CellSpec cell) {
        return r.workload().equals(cell.workload()) && r.variant().equals(cell.variant()) && r.length() == cell.length();
    }

    private static boolean ok(CellResult r) {
        return r != null && r.ok();
    }

    private static String ms(CellResult r) {
        if (r == null) {
            return "";
        }
        if (!r.ok()) {
            return "failed: " + r.error().replace('|', '/');
        }
        return String.format(Locale.ROOT, r.ms() >= 100 ? "%.0f" : r.ms() >= 10 ? "%.1f" : "%.2f", r.ms())
                + (r.contended() ? " (contended)" : "");
    }

    private static String cpu(CellResult r) {
        return ok(r) && r.cpuMs() > 0 ? String.format(Locale.ROOT, r.cpuMs() >= 100 ? "%.0f" : "%.1f", r.cpuMs()) : "";
    }

    private static String mib(CellResult r) {
        return ok(r) && r.peakBytes() > 0 ? Long.toString(r.peakBytes() >> 20) : "";
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? "" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static void conditions(PrintWriter out, List<CellResult> results) {
        out.printf("%n### Conditions per cell (in the order run)%n%n");
        out.println("| cell | side | reps (discarded) | steps/rep | min ms | foreign load (cores) | quiet wait s | "
                + "canary copy GB/s | canary GEMM GFLOP/s | parameters | page faults/step | process s |");
        out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (CellResult r : results) {
            if (!r.ok()) {
                out.printf(Locale.ROOT, "| %s %s L=%d | %s | failed | | | | | | | | | |%n", r.workload(), r.variant(),
                        r.length(), r.label());
                continue;
            }
            out.printf(Locale.ROOT, "| %s %s L=%d | %s | %d (%d)%s | %d | %.1f | %.2f | %.0f | %.1f | %.0f | %d | %s | %.0f |%n",
                    r.workload(), r.variant(), r.length(), r.label(), r.reps(), r.discarded(),
                    r.contended() ? " contended" : "", r.inner(), r.minMs(), r.foreignLoad(), r.quietWaitSeconds(),
                    r.canaryCopyGbs(), r.canaryGemmGflops(), r.parameters(),
                    Double.isNaN(r.faultsPerStep()) || r.faultsPerStep() < 0 ? "" : String.format(Locale.ROOT, "%.0f",
                            r.faultsPerStep()), r.wallSeconds());
        }
    }

    /** Each distinct environment (per side and label) once, as the first cell of it reported. */
    private static void environments(PrintWriter out, List<CellResult> results) {
        Map<String, Map<String, String>> seen = new LinkedHashMap<>();
        for (CellResult r : results) {
            if (r.environment() != null && !r.environment().isEmpty()) {
                seen.putIfAbsent(r.label().startsWith(r.side()) ? r.label() : r.side() + " " + r.label(), r.environment());
            }
        }
        out.printf("%n### Environment%n%n");
        for (Map.Entry<String, Map<String, String>> e : seen.entrySet()) {
            List<String> parts = new ArrayList<>();
            e.getValue().forEach((k, v) -> parts.add(k + ": " + v));
            out.printf("- **%s**: %s%n", e.getKey(), String.join("; ", parts));
        }
        for (CellResult awb : results) {
            CellResult torch = results.stream().filter(r -> "torch".equals(r.side()) && r.ok()
                    && r.workload().equals(awb.workload()) && r.variant().equals(awb.variant())
                    && r.length() == awb.length()).findFirst().orElse(null);
            if ("awb".equals(awb.side()) && awb.ok() && torch != null && torch.parameters() != awb.parameters()) {
                out.printf(Locale.ROOT, "- **note**: %s %s L=%d has %d trainable parameters in awb (%s) and %d in PyTorch:"
                        + " the two models differ%n", awb.workload(), awb.variant(), awb.length(), awb.parameters(),
                        awb.label(), torch.parameters());
            }
        }
        out.println();
    }
}
