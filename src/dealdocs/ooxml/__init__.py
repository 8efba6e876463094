"""The Word toolkit: reading and composing .docx files (Office Open XML), used by every stage."""
