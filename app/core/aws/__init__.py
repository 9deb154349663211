"""Every AWS call of the wizard: credentials, catalog, quotas, provisioning, fleet, errors.

Functions take a ``boto3.Session`` and a region and make their clients with
:func:`app.core.aws.session.client`, so that one botocore configuration (retries, timeouts,
user agent) applies everywhere. Nothing here imports Qt.
"""
