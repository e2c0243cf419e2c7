"""The statistics view (办件统计) and its wiring."""
