"""The PySide6 GUI. Talks to ``hotelcrm.services`` only; never to the database layer."""
