"""PyTorch reference for `npm run bench -- training`: the lab's CNN (bench/_training-throughput.ts
builds the same one with TensorFlow.js) trained from scratch on random images, one thread, Adam,
cross-entropy. Prints one JSON line: {"samplesPerSecond": …, "samplesPerCpuSecond": …, "torch": version}
(per CPU-second: the process's own CPU time, less sensitive to other work on the machine).

Usage: python3 bench/_torch-reference.py SIZE PADDING CLASSES EXAMPLES BATCH EPOCHS
"""
import json
import sys
import time

import torch
from torch import nn


def main() -> None:
    size, padding, classes, examples, batch, epochs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    torch.set_num_threads(1)
    torch.manual_seed(1)
    pad = 1 if padding == "same" else 0
    shrink = (lambda s: s) if padding == "same" else (lambda s: s - 2)
    side = shrink(shrink(size) // 2) // 2
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=pad), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=pad), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * side * side, classes),
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(examples, 1, size, size)
    y = torch.randint(0, classes, (examples,))

    def epoch() -> int:
        order = torch.randperm(examples)
        seen = 0
        for start in range(0, examples, batch):
            idx = order[start:start + batch]
            optimizer.zero_grad()
            out = model(x[idx])
            loss = loss_fn(out, y[idx])
            loss.backward()
            optimizer.step()
            # The lab's loop also counts correct predictions per batch.
            (out.argmax(1) == y[idx]).sum()
            seen += len(idx)
        return seen

    epoch()  # warm-up, as the TensorFlow.js side does
    started, cpu_started = time.perf_counter(), time.process_time()
    seen = sum(epoch() for _ in range(epochs))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(json.dumps({"samplesPerSecond": seen / elapsed, "samplesPerCpuSecond": seen / cpu, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
