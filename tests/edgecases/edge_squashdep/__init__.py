"""Depends on edge_squash.0002, a migration the squashed edge_squash.0001_squashed_0003 replaces."""
