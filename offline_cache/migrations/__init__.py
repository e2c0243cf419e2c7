"""Schema migrations: ``m####_name.py`` modules with ``VERSION`` and ``apply(conn)``.

Version ranges per area keep parallel work from colliding: 1-9 foundation, 10-19 catalog, 20-29 identity,
30-39 acceptance and printing, 40-49 scanning, 50-59 sync. Never edit a migration that has landed: add one.
"""
