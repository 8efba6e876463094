"""dealdocs: a financing's term sheet in YAML in, signature-ready Word documents out.

The flow runs one way, each package using only those before it (and the
shared `errors`, `findings` and `words` modules, and the Word toolkit `ooxml`):

    termsheet -> closing -> render -> checks -> outputs -> pipeline -> cli
"""

__version__ = "0.1.0"
