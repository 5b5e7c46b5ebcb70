"""The speed peer of `npm run bench`: the bench's two reference models (bench/models.ts) in PyTorch
CPU, timed the same way (median ms per training step after warm-up, fixed random data), so the
ratio is measured on this machine in the same run instead of quoted.

    python3 bench/pytorch-peer.py '{"model": "mlp", "steps": 30, "warmup": 3}'
    OPENBLAS_NUM_THREADS=1 python3 bench/pytorch-peer.py '{"model": "mlp", "steps": 30, "warmup": 3, "threads": 1}'

Without "threads" torch runs as a user gets it: its own intra-op default, and its BLAS's own thread
count (Debian's torch multiplies matrices in libblas.so.3 = OpenBLAS, whose threads torch's setting
does not reach, hence the variable above, which the bench sets). It reports both counts and the
OpenBLAS kernel family (OPENBLAS_CORETYPE, if set, is honoured here as in the workbench's tier).
Prints one JSON object. Exit 3 when torch is not importable (the bench then says so and goes on).
"""
import ctypes
import json
import sys
import time

try:
    import torch
    from torch import nn
except Exception as err:  # noqa: BLE001 - any import failure means "no peer here"
    print(json.dumps({"available": False, "reason": f"python3 cannot import torch: {err}"}))
    sys.exit(3)


class Mlp(nn.Module):
    """784 in, 8 x Dense 256 sigmoid (Glorot uniform), cls head 10 + recon head 784 (linear)."""

    def __init__(self):
        super().__init__()
        layers, width = [], 784
        for _ in range(8):
            lin = nn.Linear(width, 256)
            nn.init.xavier_uniform_(lin.weight)
            layers += [lin, nn.Sigmoid()]
            width = 256
        self.trunk = nn.Sequential(*layers)
        self.cls = nn.Linear(256, 10)
        self.recon = nn.Linear(256, 784)

    def forward(self, x):
        h = self.trunk(x.flatten(1))
        return self.cls(h), self.recon(h)


class Cnn(nn.Module):
    """32x32x1: conv 3x3 16 relu same, conv 3x3 32 relu same stride 2, dense 128 relu; cls 3 + seg 32x32."""

    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(), nn.Linear(16 * 16 * 32, 128), nn.ReLU(),
        )
        self.cls = nn.Linear(128, 3)
        self.seg = nn.Linear(128, 32 * 32)

    def forward(self, x):
        h = self.trunk(x)
        return self.cls(h), self.seg(h)


def matmul_gflops():
    """How fast this torch multiplies matrices: Debian's python3-torch uses whatever libblas.so.3 the
    alternatives system picks, the slow reference BLAS unless OpenBLAS (libopenblas0) is installed."""
    a = torch.rand(512, 512)
    a @ a
    t0 = time.perf_counter()
    for _ in range(10):
        a @ a
    return round(2 * 512**3 * 10 / (time.perf_counter() - t0) / 1e9, 1)


def blas_info():
    """The threads and kernel family of the OpenBLAS behind torch's matrix products, if it is one."""
    try:
        lib = ctypes.CDLL("libblas.so.3")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return {"blasThreads": lib.openblas_get_num_threads(), "blasCore": lib.openblas_get_corename().decode()}
    except (OSError, AttributeError):
        return {}


def main():
    args = json.loads(sys.argv[1])
    if args.get("threads"):
        torch.set_num_threads(int(args["threads"]))
    gflops = matmul_gflops()
    torch.manual_seed(1)
    if args["model"] == "mlp":
        net, batch = Mlp(), 128
        x = torch.rand(batch, 784)
        labels = torch.randint(0, 10, (batch,))
        second = lambda out: nn.functional.mse_loss(out, x)  # noqa: E731
    elif args["model"] == "cnn":
        net, batch = Cnn(), 64
        x = torch.rand(batch, 1, 32, 32)
        labels = torch.randint(0, 3, (batch,))
        mask = (x.flatten(1) > 0.5).float()
        second = lambda out: nn.functional.binary_cross_entropy_with_logits(out, mask)  # noqa: E731
    else:
        raise SystemExit(f"unknown model {args['model']}")
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    times = []
    for _ in range(args["warmup"] + args["steps"]):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        a, b = net(x)
        loss = 0.5 * nn.functional.cross_entropy(a, labels) + 0.5 * second(b)
        loss.backward()
        opt.step()
        times.append((time.perf_counter() - t0) * 1000)
    kept = sorted(times[args["warmup"]:])
    print(json.dumps({
        "available": True,
        "model": args["model"],
        "batch": batch,
        "msPerStep": round(kept[len(kept) // 2], 2),
        "threads": torch.get_num_threads(),
        **blas_info(),
        "torch": torch.__version__,
        "matmulGflops": gflops,
        **({"warning": "reference BLAS? install libopenblas0 for a fair peer"} if gflops < 10 else {}),
    }))


main()
