resource "aws_route53_zone" "this" {
  # checkov:skip=CKV2_AWS_38: DNSSEC needs a KMS signing key in us-east-1 and a DS record at the registrar; decided with the domain owner, not here
  # checkov:skip=CKV2_AWS_39: query logging a public zone records every resolver on the internet, at cost, for no operational use
  count = var.create_zone ? 1 : 0

  name = var.zone_name
}

data "aws_route53_zone" "this" {
  count = var.create_zone ? 0 : 1

  name         = var.zone_name
  private_zone = false
}

locals {
  zone_id = var.create_zone ? aws_route53_zone.this[0].zone_id : data.aws_route53_zone.this[0].zone_id
}

resource "aws_acm_certificate" "this" {
  domain_name       = var.api_domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  validation_options = {
    for option in aws_acm_certificate.this.domain_validation_options : option.domain_name => option
  }
}

# Keyed by the domain we ask for, a plain input: the certificate's own
# validation options belong to a resource that may not exist yet at plan time.
resource "aws_route53_record" "validation" {
  for_each = toset([var.api_domain_name])

  zone_id         = local.zone_id
  name            = local.validation_options[each.key].resource_record_name
  type            = local.validation_options[each.key].resource_record_type
  records         = [local.validation_options[each.key].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for record in aws_route53_record.validation : record.fqdn]
}

resource "aws_api_gateway_domain_name" "this" {
  domain_name              = var.api_domain_name
  regional_certificate_arn = aws_acm_certificate_validation.this.certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# IPv4 only: the regional endpoint is not dual-stack, so an AAAA alias would lead
# nowhere (docs/decisions/0008).
resource "aws_route53_record" "api" {
  zone_id = local.zone_id
  name    = aws_api_gateway_domain_name.this.domain_name
  type    = "A"

  alias {
    name                   = aws_api_gateway_domain_name.this.regional_domain_name
    zone_id                = aws_api_gateway_domain_name.this.regional_zone_id
    evaluate_target_health = false
  }
}

moved {
  from = aws_route53_record.api["A"]
  to   = aws_route53_record.api
}
