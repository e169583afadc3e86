output "web_acl_arn" {
  description = "WAF web ACL to associate with the API stage after each deploy; empty when WAF is off."
  value       = one(aws_wafv2_web_acl.this[*].arn)
}

output "trail_name" {
  description = "CloudTrail trail name; empty when this root owns no trail."
  value       = one(aws_cloudtrail.this[*].name)
}
