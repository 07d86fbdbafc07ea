"""Gap maps for planners: Folium pages and the GeoJSON layers they fetch (no HTTP here)."""
