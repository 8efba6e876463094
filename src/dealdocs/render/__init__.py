"""Rendering: a deal and a document kind in, a Word document out (docxtpl in Jinja's sandbox)."""
