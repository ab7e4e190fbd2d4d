"""rodedraad: recurring patterns in complaints about youth protection."""

__version__ = "0.1.0"
