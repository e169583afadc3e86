"""A stand-in for the hashicorp/aws and hashicorp/random providers, so that
`terraform plan` and `apply` run offline against the real provider schemas.

generate.py builds schema.json from the published provider bindings; provider/
serves that schema over Terraform's plugin protocol; plan_offline.py runs every
root through init, validate, plan, apply and a second plan.
"""
