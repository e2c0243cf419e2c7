"""``diag`` subcommands: one module per device kind (idcard, sscard, scanner ...), each with ``register(sub)``."""
