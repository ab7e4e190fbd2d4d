"""Periodic theme reports for managers: Dutch HTML (charts embedded) and PDF."""
