"""Scanned pages: pipeline (Pillow), per-material models, PDF assembly, storage in the encrypted blob store."""
