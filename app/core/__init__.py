"""The product's logic, free of Qt: AWS, keys, remote work, the launch job."""
