"""factcheck: find where news outlets contradict each other about the same event."""

__version__ = "0.1.0"
