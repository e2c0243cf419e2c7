"""Supervision reports (办件量, 容缺, 电子监察, wait and service times) computed from the local database."""
