"""Command line placeholder; replaced below."""
def main(): pass
