"""Natural-language components: dates, quantities, actors, places and events."""
