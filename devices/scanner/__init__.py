"""Scanners and document cameras behind one interface (see ``base``); drivers are picked by ``drivers.build``."""
