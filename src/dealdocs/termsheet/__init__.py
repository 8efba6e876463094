"""The term sheet: its values, its model, loading it from YAML, its JSON Schema and the starter."""
