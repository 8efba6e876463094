"""dealdocs: a financing's term sheet in YAML in, signature-ready Word documents out.

The flow runs one way: term sheet (`loader`) -> model (`model`) -> render (`render`)
-> checks (`checks`) -> outputs (`outputs`) -> command line (`cli`).
"""

__version__ = "0.1.0"
