"""评价器 (evaluation pad) drivers: ``base`` is the interface, ``simulated`` the training pad, ``serial_keypad`` a
five-key pad on a serial line (frame in docs/customer_screen.md)."""
