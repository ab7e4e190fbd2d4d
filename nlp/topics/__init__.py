"""Sub-topics and emerging issues: BERTopic over anonymised complaint sentences."""
