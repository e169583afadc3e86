output "zone_id" {
  description = "Hosted zone id, for other records in the domain (mail)."
  value       = local.zone_id
}

output "zone_name_servers" {
  description = "Name servers to delegate to at the registrar when the zone was created here."
  value       = one(aws_route53_zone.this[*].name_servers)
}

output "api_domain_name" {
  description = "The API's custom domain; the stage-settings step maps it to the deployed stage."
  value       = aws_api_gateway_domain_name.this.domain_name
}

output "certificate_arn" {
  description = "Validated ACM certificate of the custom domain."
  value       = aws_acm_certificate_validation.this.certificate_arn
}
