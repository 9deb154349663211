"""The PySide6 wizard. Only collects choices and shows results; all work lives in app.core."""
