"""Benchmarks of geomap against the obvious alternatives: ``python -m bench`` (see bench/RESULTS.md).

1. extraction throughput on a generated corpus, against spaCy's full pipeline on every sentence;
2. map build for 1,000 to 50,000 incidents, against one folium Marker per incident;
3. incremental rebuild after adding one article, as a share of the full build;
4. cold start of ``geomap resolve Bagdad --offline``: wall time and peak memory.
"""
