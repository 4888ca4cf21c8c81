"""Training probes: what the model does while it trains, apart from step tracing.

param_stats   per-parameter norms, update ratios and histograms every N steps
attention     attention weights on demand (AttentionCapturer, capture_attention_on_next_batch)
Nothing here imports Qt.
"""
