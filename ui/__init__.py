"""The clerk's GUI (PySide6). Thin: it drives services from clerk_app and never holds business rules."""
