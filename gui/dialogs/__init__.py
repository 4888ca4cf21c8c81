"""Modal dialogs of the main window (config, …)."""
