"""The spending alert's fixed terms, importable without boto3 (the wizard's review page shows
them before any AWS code is loaded): the budget's name, its alert thresholds, and where AWS
states what Budgets costs."""

from __future__ import annotations

BUDGET_NAME = "ec2nb-monthly"  # the one budget this tool manages (unique per account)
THRESHOLDS = (80.0, 100.0)  # alerts, % of the limit, on ACTUAL spend (see aws/budgets.py)
# AWS's pricing page: the first two budgets of an account are free, each further one costs
# $0.02 a day.
PRICING_URL = "https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/"
