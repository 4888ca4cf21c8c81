"""The source material's small network: Linear(10,5) -> ReLU -> Linear(5,1) -> Sigmoid."""
from __future__ import annotations

import torch
import torch.nn as nn


class SimpleNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 5)  # input layer to hidden layer
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(5, 1)  # hidden layer to output layer
        self.sigmoid = nn.Sigmoid()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.relu(self.fc1(x))  # (b, 5)
        y_hat = self.sigmoid(self.fc2(h))  # (b, 1), a probability
        return y_hat


def make_simple_net_training(seed: int = 0, lr: float = 0.01, batch_size: int = 1):
    """Net, BCE loss, SGD(lr=0.01) and `batch_size` samples (the source material uses one,
    labelled 1; a batch gets labels 0 and 1 from the same seed, so the net has something to
    separate and some ReLU units are off for some samples)."""
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    net = SimpleNet()
    criterion = nn.BCELoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    inputs = torch.randn(batch_size, 10, generator=gen)  # (b, 10)
    if batch_size == 1:
        labels = torch.tensor([[1.0]])  # shaped like the output (1, 1): no broadcasting
    else:
        labels = torch.randint(0, 2, (batch_size, 1), generator=gen).float()  # (b, 1)
    return net, criterion, optimizer, inputs, labels
