"""One module per feature; each exposes ``register(application)``."""
