"""python -m dealdocs"""
from dealdocs.cli import run

run()
