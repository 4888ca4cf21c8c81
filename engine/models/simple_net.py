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


def make_simple_net_training(seed: int = 0, lr: float = 0.01):
    """Net, BCE loss, SGD(lr=0.01) and one sample, as in the source material."""
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    net = SimpleNet()
    criterion = nn.BCELoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    inputs = torch.randn(1, 10, generator=gen)
    labels = torch.tensor([[1.0]])  # shaped like the output (1, 1), so BCELoss needs no broadcasting
    return net, criterion, optimizer, inputs, labels
