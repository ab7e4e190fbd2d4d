"""Theme classification: six themes from the codebook, multi-label, with evidence sentences."""

from nlp.themes.classifier import CueClassifier

__all__ = ["CueClassifier"]
