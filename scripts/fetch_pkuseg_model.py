"""Unpack pkuseg's pretrained default model (``make pkuseg-model``): the same as ``zhnews pkuseg-model``."""

from zhnews.pipeline.pkuseg_model import fetch_model

if __name__ == "__main__":
    print(f"pkuseg model at {fetch_model()}")
