"""Wrong formulas, one module per chapter, each caught by its snippet's check.

Each module holds ``CASES``: tuples ``(snippet, right, wrong, mistake)``.
tests/test_wrong_formulas.py replaces ``right`` by ``wrong`` in ``snippet``
and requires the snippet's own check to raise ``AssertionError``.
"""
