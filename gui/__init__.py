"""Backprop Studio's Qt front end. Importing this package loads no Qt."""
