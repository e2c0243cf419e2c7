"""OneWindow domain and application services. Qt-free: nothing here imports PySide6 widgets."""

__version__ = "0.1.0"
