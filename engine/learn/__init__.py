"""What the learner views compute: tensor facts for display, the tensor lab, token spans and
next-token generation with probabilities. Plain Python, numpy and PyTorch; no Qt."""
