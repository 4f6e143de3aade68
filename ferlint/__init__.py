"""ferlint: finds where an image pipeline and a Keras model disagree."""

__version__ = "0.1.0"
