"""Ratio benchmarks: httpfault against each framework's native error path."""
