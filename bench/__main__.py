"""``python -m bench``: the benchmark harness (see bench/README.md)."""

from bench.run import main

main()
