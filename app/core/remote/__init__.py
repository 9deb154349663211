"""Everything that happens on the instance: verified SSH, the notebook bootstrap, the tunnel."""
