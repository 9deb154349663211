"""One module per launch step, each with ``run(ctx, progress) -> Sentence`` (its "done" note).

Every step reads the journal first and reuses what an earlier, interrupted run already did, so
running the job again (``ec2nb open ID``, the wizard's resume) continues instead of repeating.
A step is listed once, in :mod:`app.core.launch.registry`.
"""
