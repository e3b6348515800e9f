"""Signing identities, PDF signatures and workbook manifests (pyHanko and cryptography)."""
