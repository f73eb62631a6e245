"""geomap's gazetteer data, installed as the package ``geomap.gazetteer_data`` (see pyproject.toml).

This folder holds data files only; see README.md for what each is, where it comes from, and its licence.
"""
