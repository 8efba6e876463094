"""The closing set: which documents a deal calls for, who signs them, where the money goes."""
