"""Backprop Studio's engine: plain PyTorch and Python, no Qt (see tests/test_architecture.py)."""
