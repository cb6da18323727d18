"""sitrep: conflict reporting turned into sourced, geolocated, time-stamped events."""

__version__ = "0.1.0"
