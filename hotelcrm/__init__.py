"""hotelcrm: guest relations for hotel front offices (everything but the Qt widgets)."""

__version__ = "0.1.0"
