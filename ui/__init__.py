"""The clerk's GUI (PySide6). Thin: it drives services from clerk_app and never holds business rules."""

from ui import pyside_sources

pyside_sources.install()  # before the GUI's modules and the services they import are loaded (ui/pyside_sources.py)
