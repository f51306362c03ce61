#!/usr/bin/python3
"""The PyTorch side of `awb bench --against pytorch`: measures ONE benchmark cell in this process.

awb's bench starts this script once per cell (`torch_bench.py --cell SPEC.json --out RESULT.json`), interleaved
with the awb side's cells, and reads the result. The spec names the workload, attention variant, length, threads
and timing; this script builds the same network as awb does (see the two builders below), times it exactly as
awb's Timer does (warm-up, a wait for a quiet machine, repetitions of `inner` back-to-back steps, repetitions with
foreign CPU load above the threshold discarded, median; also the median CPU time of this process per step), and
writes the same JSON fields as awb's CellResult.

`torch_bench.py --probe` prints the torch version and the BLAS it mapped, as one JSON line.

Workloads (float32, CPU):
  attention  one attention layer [batch, L, heads*head_width] with a fused q/k/v projection and an output
             projection (Linear with bias, as awb's), loss =
             sum of outputs; a step = forward + backward to every weight. soft: softmax(QK^T/sqrt(d_h))V;
             linear: Katharopoulos et al. 2020, phi = elu+1, phi(Q)(phi(K)^T V) / (phi(Q) sum_j phi(k_j) + eps).
  step       awb's model/transformer-encoder: token embedding + positions (sinusoidal table or learned), pre-LN
             blocks x = x + O(Attn(LN1 x)); x = x + W2 relu(W1 LN2 x), final LN, a softmax head per position (or
             after mean pooling for sequence targets), cross-entropy weighted per position; one optimizer step =
             zero grads, forward, loss, backward, update. Soft attention adds the padding mask to its logits as
             awb's does; tokens and labels are random (the cost does not depend on them).
"""
import argparse
import json
import math
import os
import re
import sys
import time

HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def machine_busy():
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return v[0] + v[1] + v[2] + v[5] + v[6] + v[7]  # user nice system irq softirq steal
    except (OSError, ValueError, IndexError):
        return -1


def own_jiffies():
    try:
        with open("/proc/self/stat") as f:
            s = f.read()
        v = s[s.rindex(")") + 2:].split()
        return int(v[11]) + int(v[12])
    except (OSError, ValueError, IndexError):
        return 0


def minor_faults():
    """Minor page faults of this process so far (/proc/self/stat minflt), -1 when unreadable."""
    try:
        with open("/proc/self/stat") as f:
            s = f.read()
        return int(s[s.rindex(")") + 2:].split()[7])
    except (OSError, ValueError, IndexError):
        return -1


def sample():
    return machine_busy(), own_jiffies(), time.perf_counter()


def foreign(a, b):
    """Cores used by other processes between samples a and b (the same quantity as awb's CpuLoad)."""
    seconds = b[2] - a[2]
    if a[0] < 0 or b[0] < 0 or seconds <= 0:
        return 0.0
    return max(0.0, ((b[0] - a[0]) - (b[1] - a[1])) / HZ / seconds)


def wait_for_quiet(max_foreign, max_wait):
    start = time.perf_counter()
    quiet = 0
    while quiet < 2 and time.perf_counter() - start < max_wait:
        a = sample()
        time.sleep(1.0)
        quiet = quiet + 1 if foreign(a, sample()) <= max_foreign else 0
    return time.perf_counter() - start


def measure(step, t):
    warm_start = time.perf_counter()
    last = 0.0
    i = 0
    while i < max(1, t["warmup"]) or time.perf_counter() - warm_start < t["minWarmupSeconds"]:
        t0 = time.perf_counter()
        step()
        last = time.perf_counter() - t0
        i += 1
    inner = max(1, math.ceil(t["minRepSeconds"] / max(last, 1e-6)))
    waited = wait_for_quiet(t["maxForeign"], t["quietWaitSeconds"])
    clean, noisy = [], []
    timed_start = time.perf_counter()
    attempt = 0
    while attempt < 3 * t["reps"] and len(clean) < t["reps"]:
        if (clean or noisy) and time.perf_counter() - timed_start > t["budgetSeconds"]:
            break
        attempt += 1
        a = sample()
        cpu = time.process_time()
        faults = minor_faults()
        for _ in range(inner):
            step()
        faults = minor_faults() - faults
        cpu = time.process_time() - cpu
        b = sample()
        rep = ((b[2] - a[2]) * 1e3 / inner, foreign(a, b), cpu * 1e3 / inner, faults / inner)
        (clean if rep[1] <= t["maxForeign"] else noisy).append(rep)
    used = clean or noisy
    times = sorted(r[0] for r in used)
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    cpus = sorted(r[2] for r in used)
    cpu_median = cpus[n // 2] if n % 2 else (cpus[n // 2 - 1] + cpus[n // 2]) / 2
    faults = sorted(r[3] for r in used)
    faults_median = faults[n // 2] if n % 2 else (faults[n // 2 - 1] + faults[n // 2]) / 2
    return dict(ms=median, cpuMs=cpu_median, faultsPerStep=faults_median, minMs=times[0], reps=n, discarded=len(noisy), inner=inner,
                foreignLoad=sum(r[1] for r in used) / n, quietWaitSeconds=waited,
                contended=len(clean) < t["reps"], samplesMs=times)


def reset_peak():
    # Freed blocks (the canary's 512 MiB) stay in the process under the bench's MALLOC_* settings until trimmed:
    # give them back first, or the high-water mark would start from them (as awb's PeakMemory.reset does).
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def peak_bytes():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return -1


def mapped_blas():
    """The BLAS, LAPACK and OpenMP libraries mapped into this process (/proc/self/maps)."""
    found = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                if re.search(r"blas|lapack|mkl|dnnl|gomp|omp", os.path.basename(path)) and path not in found:
                    found.append(path)
    except OSError:
        pass
    return found


def openblas_core(libraries):
    import ctypes
    for path in libraries:
        if "blas" in os.path.basename(path):
            try:
                lib = ctypes.CDLL(path)
                lib.openblas_get_corename.restype = ctypes.c_char_p
                lib.openblas_get_config.restype = ctypes.c_char_p
                return "%s, %s" % (lib.openblas_get_config().decode(), lib.openblas_get_corename().decode())
            except (OSError, AttributeError):
                continue
    return "not OpenBLAS (%s)" % ", ".join(os.path.basename(p) for p in libraries if "blas" in p)


def environment(torch):
    libraries = mapped_blas()
    config = torch.__config__.show()
    blas_info = re.search(r"BLAS_INFO=([^,\s]+)", config)
    env = {
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "torch blas build": blas_info.group(1) if blas_info else "?",
        "blas mapped": ", ".join(p for p in libraries if "blas" in os.path.basename(p) or "lapack" in p) or "none",
        "openblas": openblas_core(libraries),
        "threads": str(torch.get_num_threads()),
    }
    try:
        env["cpu capability"] = torch.backends.cpu.get_cpu_capability()
    except AttributeError:
        pass
    for name in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "LD_LIBRARY_PATH",
                 "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def canary(torch):
    def median(action):
        action()
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            action()
            times.append(time.perf_counter() - t0)
        return sorted(times)[2]
    n = 64 << 20
    a, b = torch.rand(n), torch.empty(n)
    copy = 2.0 * n * 4 / median(lambda: b.copy_(a)) / 1e9
    del a, b
    x, y, z = torch.rand(1024, 1024), torch.rand(1024, 1024), torch.empty(1024, 1024)
    gemm = 2.0 * 1024 ** 3 / median(lambda: torch.mm(x, y, out=z)) / 1e9
    return copy, gemm


def build_attention_layer(torch, spec):
    nn, F = torch.nn, torch.nn.functional
    batch, heads, dh, length = spec["batch"], spec["heads"], spec["headWidth"], spec["length"]
    width = heads * dh
    variant = spec["variant"]
    if variant not in ("soft", "linear"):
        raise ValueError("torch_bench.py mirrors attention soft and linear, not '%s'" % variant)
    # q, k and v as one Linear(width, 3 width), as awb's Heads does for self-attention (and PyTorch's own modules).
    proj = nn.ModuleList([nn.Linear(width, 3 * width), nn.Linear(width, width)])
    gen = torch.Generator().manual_seed(1)
    x = torch.rand(batch, length, width, generator=gen) * 2 - 1

    def step():
        for p in proj.parameters():
            p.grad = None
        q, k, v = proj[0](x).view(batch, length, 3, heads, dh).permute(2, 0, 3, 1, 4)
        attended = attend(torch, variant, q, k, v, None, dh, 1e-6)
        out = proj[1](attended.transpose(1, 2).reshape(batch, length, width))
        out.sum().backward()

    return step, sum(p.numel() for p in proj.parameters())


def attend(torch, variant, q, k, v, mask, dh, epsilon):
    """Soft or linear attention of [B, H, L, dh] queries, keys, values; mask [B, L] of 1 (real) / 0 (padding)."""
    F = torch.nn.functional
    if variant == "soft":
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(dh))
        if mask is not None:
            scores = scores + (mask[:, None, None, :] - 1.0) * 1e9
        return torch.matmul(torch.softmax(scores, dim=-1), v)
    qf, kf = F.elu(q) + 1, F.elu(k) + 1
    if mask is not None:
        kf = kf * mask[:, None, :, None]
    kv = torch.matmul(kf.transpose(-1, -2), v)
    denominator = torch.matmul(qf, kf.sum(dim=2, keepdim=True).transpose(-1, -2))
    return torch.matmul(qf, kv) / (denominator + epsilon)


def build_train_step(torch, spec):
    nn, F = torch.nn, torch.nn.functional
    m = spec["model"]
    variant, length, batch, heads = spec["variant"], spec["length"], spec["stepBatch"], spec["heads"]
    width, classes, vocab = m["dModel"], m["classes"], m["vocab"]
    dh = width // heads
    if variant not in ("soft", "linear"):
        raise ValueError("torch_bench.py mirrors attention soft and linear, not '%s'" % variant)
    if m["causal"]:
        raise ValueError("torch_bench.py mirrors the non-causal encoder only")
    epsilon = float(m["attentionParams"].get("epsilon", 1e-6))
    if m["attentionParams"].get("feature_map", "elu+1") != "elu+1":
        raise ValueError("torch_bench.py mirrors linear attention's elu+1 feature map only")

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.ln2 = nn.LayerNorm(width), nn.LayerNorm(width)
            self.qkv, self.o = nn.Linear(width, 3 * width), nn.Linear(width, width)
            self.w1 = nn.Linear(width, width * m["ffnMultiplier"])
            self.w2 = nn.Linear(width * m["ffnMultiplier"], width)

        def forward(self, x, mask):
            q, k, v = self.qkv(self.ln1(x)).view(-1, length, 3, heads, dh).permute(2, 0, 3, 1, 4)
            a = attend(torch, variant, q, k, v, mask, dh, epsilon)
            x = x + self.o(a.transpose(1, 2).reshape(-1, length, width))
            return x + self.w2(F.relu(self.w1(self.ln2(x))))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocab, width)
            if m["positional"] == "learned":
                self.positions = nn.Parameter(torch.randn(length, width) * 0.02)
            elif m["positional"] == "sinusoidal":
                p = torch.arange(length, dtype=torch.float64)[:, None]
                i = torch.arange(width)[None, :]
                angle = p / torch.pow(10000.0, (2 * (i // 2)).double() / width)
                table = torch.where(i % 2 == 0, torch.sin(angle), torch.cos(angle)).float()
                self.register_buffer("positions", table)
            else:
                raise ValueError("torch_bench.py mirrors positional sinusoidal and learned, not '%s'" % m["positional"])
            self.blocks = nn.ModuleList([Block() for _ in range(m["layers"])])
            self.final = nn.LayerNorm(width)
            self.head = nn.Linear(width, classes)

        def forward(self, tokens, mask):
            x = self.embedding(tokens) + self.positions
            for block in self.blocks:
                x = block(x, mask)
            x = self.final(x)
            if m["target"] == "TOKEN":
                return self.head(x).reshape(-1, classes)
            if m["pooling"] != "mean":
                raise ValueError("torch_bench.py mirrors pooling mean only, not '%s'" % m["pooling"])
            weights = mask / mask.sum(dim=1, keepdim=True)
            return self.head((x * weights[:, :, None]).sum(dim=1))

    model = Encoder()
    o = m["optimizerParams"]
    kind = {"adam": torch.optim.Adam, "adamw": torch.optim.AdamW}.get(m["optimizer"])
    if kind is None:
        raise ValueError("torch_bench.py mirrors optimizer adam and adamw, not '%s'" % m["optimizer"])
    optimizer = kind(model.parameters(), lr=float(o.get("lr", 1e-3)),
                     betas=(float(o.get("beta1", 0.9)), float(o.get("beta2", 0.999))),
                     eps=float(o.get("epsilon", 1e-8)))
    gen = torch.Generator().manual_seed(1)
    tokens = torch.randint(0, vocab, (batch, length), generator=gen)
    mask = torch.ones(batch, length)
    targets = length if m["target"] == "TOKEN" else 1
    labels = torch.randint(0, classes, (batch * targets,), generator=gen)
    label_weights = torch.ones(batch * targets)

    def step():
        optimizer.zero_grad(set_to_none=True)
        per_position = F.cross_entropy(model(tokens, mask), labels, reduction="none")
        loss = (per_position * label_weights).sum() / (label_weights.sum() + 1e-8)
        loss.backward()
        optimizer.step()

    return step, sum(p.numel() for p in model.parameters())


def run_cell(spec):
    start = time.perf_counter()
    import torch
    torch.set_num_threads(spec["threads"])
    torch.manual_seed(1)
    env = environment(torch)
    result = dict(side="torch", label="torch " + torch.__version__, workload=spec["workload"], variant=spec["variant"],
                  length=spec["length"], environment=env, error=None)
    try:
        copy, gemm = canary(torch)
        reset_peak()
        if spec["workload"] == "attention":
            step, parameters = build_attention_layer(torch, spec)
        else:
            step, parameters = build_train_step(torch, spec)
        result.update(measure(step, spec["timing"]))
        result.update(peakBytes=peak_bytes(), parameters=parameters, canaryCopyGbs=copy, canaryGemmGflops=gemm)
    except (RuntimeError, ValueError, MemoryError) as e:
        result["error"] = "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
    result["environment"] = environment(torch)
    result["wallSeconds"] = time.perf_counter() - start
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cell", help="the cell's spec (JSON file written by awb bench)")
    parser.add_argument("--out", help="where to write the result (JSON)")
    parser.add_argument("--probe", action="store_true", help="print torch's version and mapped BLAS, then exit")
    args = parser.parse_args()
    if args.probe:
        import torch
        print(json.dumps(environment(torch)))
        return 0
    if not args.cell or not args.out:
        parser.error("--cell and --out are required (or --probe)")
    with open(args.cell) as f:
        spec = json.load(f)
    result = run_cell(spec)
    with open(args.out, "w") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
