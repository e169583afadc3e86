output "table_name" {
  description = "DynamoDB table name, for KEFIR_TABLE."
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "DynamoDB table ARN."
  value       = aws_dynamodb_table.this.arn
}

output "photo_bucket_name" {
  description = "Photo bucket name, for KEFIR_PHOTO_BUCKET."
  value       = module.photos.bucket_id
}

output "photo_bucket_arn" {
  description = "Photo bucket ARN."
  value       = module.photos.bucket_arn
}

output "zappa_bucket_name" {
  description = "Bucket that Zappa uploads packages and its CloudFormation template to (s3_bucket)."
  value       = module.zappa.bucket_id
}

output "zappa_bucket_arn" {
  description = "ARN of Zappa's bucket, for the deploy role."
  value       = module.zappa.bucket_arn
}

output "access_log_bucket_name" {
  description = "Bucket that receives the server access logs of the other buckets."
  value       = module.access_logs.bucket_id
}
