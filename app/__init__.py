"""EC2 Notebook Wizard: a Jupyter notebook on an AWS GPU instance, from a desktop wizard."""

__version__ = "0.1.0"
APP_NAME = "EC2 Notebook Wizard"
APP_ID = "ec2-notebook-wizard"
