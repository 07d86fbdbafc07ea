"""One module per concern, each with a ``MESSAGES`` dict: key -> {"fr": ..., "en": ...}."""
