"""Dashboard on the published warehouse data (issue: reports and dashboard). Not built yet."""
