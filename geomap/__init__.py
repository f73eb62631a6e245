"""geomap: map the incidents that news articles report, each citing its source."""

from geomap.errors import GeomapError

__version__ = "0.1.0"
__all__ = ["GeomapError", "__version__"]
