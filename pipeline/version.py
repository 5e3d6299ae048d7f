"""The pipeline's version: part of every record and of the resume key."""

PIPELINE_VERSION = "0.5.0"
