"""python -m dealdocs"""
from dealdocs.cli import main

main()
