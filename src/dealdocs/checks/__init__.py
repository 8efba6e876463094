"""Checks on the term sheet (deal) and on the text of Word documents (text)."""
