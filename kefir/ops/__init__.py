"""Operator tooling: data migrations, seeding, cleanup and the restore drill.

These run from an operator's machine or CI against a stage they name, never on a request
path, and are not needed by the deployed function.
"""
