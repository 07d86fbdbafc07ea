"""HTTP routers; each handler only wires dependencies into the domain packages."""
